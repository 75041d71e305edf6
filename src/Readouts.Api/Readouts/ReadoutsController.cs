using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Readouts;

/// <summary>Readouts: one source's account of one call.</summary>
[ApiController]
[Route("api/readouts")]
public sealed class ReadoutsController(ReadoutService readouts) : ControllerBase
{
    /// <summary>Posts a readout; it is linked to the call it tells (created if new).</summary>
    /// <remarks>
    /// Resending the same source and URL with identical content answers 200 with the stored readout;
    /// with different content, 409. Requires an X-Api-Key. Bodies are limited to 1 MiB.
    /// </remarks>
    [HttpPost]
    [Authorize]
    [Consumes("application/json")]
    [ProducesResponseType<ReadoutResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ReadoutResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<ReadoutResponse>> Create(CreateReadoutRequest request, CancellationToken ct)
    {
        var (readout, created) = await readouts.CreateAsync(request, ct);
        return created ? CreatedAtAction(nameof(Get), new { id = readout.Id }, readout) : Ok(readout);
    }

    /// <summary>One readout.</summary>
    [HttpGet("{id:long}")]
    [ProducesResponseType<ReadoutResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<ReadoutResponse>> Get(long id, CancellationToken ct) =>
        await readouts.GetAsync(id, ct) is { } readout ? readout : NotFound();

    /// <summary>Readouts, newest call date first, filtered by source, leader and date range.</summary>
    [HttpGet]
    [ProducesResponseType<Page<ReadoutSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<Page<ReadoutSummary>> List([FromQuery] ReadoutQuery query, CancellationToken ct) => readouts.ListAsync(query, ct);
}
