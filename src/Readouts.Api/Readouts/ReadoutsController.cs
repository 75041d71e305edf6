using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Readouts;

/// <summary>Readouts: one source's account of one call.</summary>
[ApiController]
[Route("api/readouts")]
public sealed class ReadoutsController(ReadoutService readouts, IOptions<JsonOptions> json) : ControllerBase
{
    /// <summary>Posts a readout; it is linked to the call it tells (created if new).</summary>
    /// <remarks>
    /// Resending the same source and URL with identical content answers 200 with the stored readout;
    /// with different content, 409 (correct it with PUT instead). With an Idempotency-Key, a retry
    /// gets the first answer again (marked Idempotent-Replayed), and the same key with another body
    /// is a 422. Requires an X-Api-Key. Bodies are limited to 1 MiB.
    /// </remarks>
    [HttpPost(Name = "CreateReadout")]
    [Authorize(ApiScopes.Readouts)]
    [Consumes("application/json")]
    [ProducesResponseType<ReadoutResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ReadoutResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult> Create(ReadoutRequest request, CancellationToken ct) =>
        this.Answer(await readouts.CreateAsync(request, WriteContext.Of(HttpContext), ct));

    /// <summary>Posts up to 1,000 readouts at once, each stored and linked as by POST /api/readouts.</summary>
    /// <remarks>
    /// The body is a JSON array of readouts in the POST /api/readouts shape, or application/x-ndjson
    /// with one readout per line; at most 1,000 readouts and 16 MiB. The answer (200) lists each
    /// item in order: its status (201 stored, 200 identical resend), its id and callId, or the
    /// problem it had; a bad item does not keep the others from being stored. With an
    /// Idempotency-Key, a retry gets the first answer again. Requires an X-Api-Key.
    /// </remarks>
    [HttpPost("batch", Name = "ImportReadouts")]
    [Authorize(ApiScopes.Readouts)]
    [Consumes("application/json", ReadoutBatch.NdJson)]
    [RequestSizeLimit(ReadoutBatch.MaxBodyBytes)]
    [ProducesResponseType<BatchResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public async Task<ActionResult> Batch(CancellationToken ct) =>
        this.Answer(await readouts.ImportAsync(await ReadoutBatch.ReadAsync(Request, json.Value.JsonSerializerOptions, ct), WriteContext.Of(HttpContext), ct));

    /// <summary>One readout, with its version as ETag; If-None-Match answers 304.</summary>
    [HttpGet("{id:long}", Name = "GetReadout")]
    [ProducesResponseType<ReadoutResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public async Task<ActionResult<ReadoutResponse>> Get(long id, CancellationToken ct) =>
        await readouts.GetAsync(id, ct) is { } readout ? this.WithETag(readout, EntityTags.ForVersion(readout.Version)) : NotFound();

    /// <summary>Replaces a readout with its source's correction.</summary>
    /// <remarks>
    /// Send the whole readout, as for POST, with If-Match: the ETag you read. Missing, 428; stale,
    /// 412. The replaced version stays in the history. New leaders or a new date re-link the
    /// readout (a call left empty is removed). The source cannot change. Requires an X-Api-Key.
    /// </remarks>
    [HttpPut("{id:long}", Name = "ReplaceReadout")]
    [Authorize(ApiScopes.Readouts)]
    [Consumes("application/json")]
    [ProducesResponseType<ReadoutResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, "application/problem+json")]
    public async Task<ActionResult> Update(long id, ReadoutRequest request, CancellationToken ct) =>
        this.Answer(await readouts.UpdateAsync(id, EntityTags.RequiredIfMatch(Request, $"readout {id}"), request, WriteContext.Of(HttpContext), ct));

    /// <summary>Deletes a readout; its history stays readable.</summary>
    /// <remarks>
    /// Needs If-Match like PUT. The readout leaves its call and every query (a call left empty
    /// disappears); GET on it then answers 410. Requires an X-Api-Key.
    /// </remarks>
    [HttpDelete("{id:long}", Name = "DeleteReadout")]
    [Authorize(ApiScopes.Readouts)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, "application/problem+json")]
    public async Task<ActionResult> Delete(long id, CancellationToken ct) =>
        this.Answer(await readouts.DeleteAsync(id, EntityTags.RequiredIfMatch(Request, $"readout {id}"), WriteContext.Of(HttpContext), ct));

    /// <summary>Moves a readout to another call with the same leaders, or with a null callId into a call of its own.</summary>
    /// <remarks>
    /// For editors fixing a wrong link. If-Match is optional here (412 when stale). A call left
    /// empty is removed. Requires an X-Api-Key.
    /// </remarks>
    [HttpPost("{id:long}/link", Name = "LinkReadout")]
    [Authorize(ApiScopes.Readouts)]
    [Consumes("application/json")]
    [ProducesResponseType<ReadoutResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult> Link(long id, LinkReadoutRequest request, CancellationToken ct) =>
        this.Answer(await readouts.MoveAsync(id, EntityTags.IfMatch(Request), request, WriteContext.Of(HttpContext), ct));

    /// <summary>A readout's versions, newest first, with who wrote each and when; deleted readouts keep theirs.</summary>
    [HttpGet("{id:long}/revisions", Name = "ListReadoutRevisions")]
    [ProducesResponseType<Page<RevisionSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<Page<RevisionSummary>>> Revisions(long id, [FromQuery] PageQuery query, CancellationToken ct) =>
        await readouts.ListRevisionsAsync(id, query, ct) is { } page ? page : NotFound();

    /// <summary>One version of a readout, as it read then.</summary>
    [HttpGet("{id:long}/revisions/{number:int}", Name = "GetReadoutRevision")]
    [ProducesResponseType<RevisionResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<RevisionResponse>> Revision(long id, int number, CancellationToken ct) =>
        await readouts.GetRevisionAsync(id, number, ct) is { } revision ? revision : NotFound();

    /// <summary>Readouts, newest call date first, filtered by source, leader and date range.</summary>
    [HttpGet(Name = "ListReadouts")]
    [ProducesResponseType<Page<ReadoutSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<Page<ReadoutSummary>> List([FromQuery] ReadoutQuery query, CancellationToken ct) => readouts.ListAsync(query, ct);
}
