using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Leaders;

/// <summary>The registry of leaders readouts can name.</summary>
[ApiController]
[Route("api/leaders")]
public sealed class LeadersController(LeaderService leaders, CallQueries calls) : ControllerBase
{
    /// <summary>Leaders by slug; <c>q</c> searches names and aliases in any script.</summary>
    [HttpGet(Name = "ListLeaders")]
    [ProducesResponseType<Page<LeaderResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<Page<LeaderResponse>> List([FromQuery] LeaderQuery query, CancellationToken ct) => leaders.ListAsync(query, ct);

    /// <summary>One leader.</summary>
    [HttpGet("{slug}", Name = "GetLeader")]
    [ProducesResponseType<LeaderResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<LeaderResponse>> Get(string slug, CancellationToken ct) =>
        await leaders.GetAsync(slug, ct) is { } leader ? leader : NotFound();

    /// <summary>Adds a leader; the slug is derived from the name.</summary>
    /// <remarks>409 when the slug, the name or an alias already belongs to another leader. Takes an Idempotency-Key. Requires an X-Api-Key.</remarks>
    [HttpPost(Name = "CreateLeader")]
    [Authorize(ApiScopes.Registry)]
    [Consumes("application/json")]
    [ProducesResponseType<LeaderResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> Create(CreateLeaderRequest request, CancellationToken ct) =>
        this.Answer(await leaders.CreateAsync(request, WriteContext.Of(HttpContext), ct));

    /// <summary>Adds an alias: 201 when new, 200 when the leader already has it, 409 when another leader has it.</summary>
    [HttpPost("{slug}/aliases", Name = "AddLeaderAlias")]
    [Authorize(ApiScopes.Registry)]
    [Consumes("application/json")]
    [ProducesResponseType<LeaderResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<LeaderResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> AddAlias(string slug, AddAliasRequest request, CancellationToken ct) =>
        this.Answer(await leaders.AddAliasAsync(slug, request, WriteContext.Of(HttpContext), ct));

    /// <summary>The leader's calls, newest first; takes the same filters as GET /api/calls.</summary>
    [HttpGet("{slug}/calls", Name = "ListLeaderCalls")]
    [ProducesResponseType<Page<CallSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<Page<CallSummary>>> Calls(string slug, [FromQuery] CallQuery query, CancellationToken ct) =>
        await calls.ListForLeaderAsync(slug, query, ct) is { } page ? page : NotFound();
}
