using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Calls;

/// <summary>Calls: one conversation, told by one or more readouts.</summary>
[ApiController]
[Route("api/calls")]
public sealed class CallsController(CallQueries calls) : ControllerBase
{
    /// <summary>Calls, newest first; every filter given must hold.</summary>
    [HttpGet(Name = "ListCalls")]
    [ProducesResponseType<Page<CallSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<Page<CallSummary>> List([FromQuery] CallQuery query, CancellationToken ct) => calls.ListAsync(query, ct);

    /// <summary>One call with all its readouts; its ETag changes whenever any of them does (If-None-Match answers 304).</summary>
    [HttpGet("{id:long}", Name = "GetCall")]
    [ProducesResponseType<CallDetails>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<CallDetails>> Get(long id, CancellationToken ct) =>
        await calls.GetAsync(id, ct) is { } call ? this.WithContentETag(call) : NotFound();

    /// <summary>Where the sources' accounts of the call agree and differ; with an ETag like the call's.</summary>
    [HttpGet("{id:long}/comparison", Name = "GetCallComparison")]
    [ProducesResponseType<CallComparison>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<CallComparison>> Compare(long id, CancellationToken ct) =>
        await calls.CompareAsync(id, ct) is { } comparison ? this.WithContentETag(comparison) : NotFound();
}
