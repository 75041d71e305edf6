using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Sources;

/// <summary>The bodies that publish readouts.</summary>
[ApiController]
[Route("api/sources")]
public sealed class SourcesController(SourceService sources) : ControllerBase
{
    /// <summary>Sources by slug.</summary>
    [HttpGet(Name = "ListSources")]
    [ProducesResponseType<Page<SourceResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<Page<SourceResponse>> List([FromQuery] PageQuery query, CancellationToken ct) => sources.ListAsync(query.Limit, query.Cursor, ct);

    /// <summary>One source.</summary>
    [HttpGet("{slug}", Name = "GetSource")]
    [ProducesResponseType<SourceResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<SourceResponse>> Get(string slug, CancellationToken ct) =>
        await sources.GetAsync(slug, ct) is { } source ? source : NotFound();

    /// <summary>Adds a source. 409 when the slug is taken. Takes an Idempotency-Key. Requires an X-Api-Key.</summary>
    [HttpPost(Name = "CreateSource")]
    [Authorize(ApiScopes.Registry)]
    [Consumes("application/json")]
    [ProducesResponseType<SourceResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> Create(CreateSourceRequest request, CancellationToken ct) =>
        this.Answer(await sources.CreateAsync(request, WriteContext.Of(HttpContext), ct));
}
