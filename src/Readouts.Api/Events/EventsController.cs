using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Events;

/// <summary>The change feed: every change to readouts, calls and the registry, in order.</summary>
[ApiController]
[Route("api/events")]
public sealed class EventsController(EventLog events) : ControllerBase
{
    /// <summary>Events after <c>after</c>, oldest first. Save the last id you read and ask again with it: you never miss or repeat one.</summary>
    /// <remarks>Ids increase in the order changes became visible, whichever instance wrote them; a page holds only committed changes, your own writes included. Events are kept 30 days (Events__RetentionDays). nextCursor is set when more events wait now; pass it, or the last id, as after.</remarks>
    [HttpGet(Name = "ListEvents")]
    [ProducesResponseType<Page<EventResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<Page<EventResponse>> List([FromQuery] EventQuery query, CancellationToken ct) => events.ListAsync(query, ct);
}
