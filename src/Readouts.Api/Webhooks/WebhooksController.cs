using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Webhooks;

/// <summary>Webhooks: events of the change feed POSTed to your URL as they happen, signed (Standard Webhooks).</summary>
[ApiController]
[Route("api/webhooks")]
public sealed class WebhooksController(WebhookService webhooks) : ControllerBase
{
    /// <summary>Subscribes a URL to event types (and leaders): 201 with the signing secret, shown only this once.</summary>
    /// <remarks>Events from now on are sent in order, at least once, retried with growing back-off (5 s, 30 s, 2 min, …) for 24 hours, then the subscription is disabled. 422 for a target that is not a public address. Takes an Idempotency-Key. Requires an X-Api-Key.</remarks>
    [HttpPost(Name = "CreateWebhook")]
    [Authorize(ApiScopes.Webhooks)]
    [Consumes("application/json")]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult> Create(CreateWebhookRequest request, CancellationToken ct) =>
        this.Answer(await webhooks.CreateAsync(request, WriteContext.Of(HttpContext), ct));

    /// <summary>Your API key's subscriptions.</summary>
    [HttpGet(Name = "ListWebhooks")]
    [Authorize(ApiScopes.Webhooks)]
    [ProducesResponseType<Page<WebhookResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public Task<Page<WebhookResponse>> List([FromQuery] PageQuery query, CancellationToken ct) => webhooks.ListAsync(Owner, query, ct);

    /// <summary>One subscription: where its deliveries are (lastEventId), whether it is retrying or disabled.</summary>
    [HttpGet("{id:guid}", Name = "GetWebhook")]
    [Authorize(ApiScopes.Webhooks)]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<WebhookResponse>> Get(Guid id, CancellationToken ct) =>
        await webhooks.GetAsync(Owner, id, ct) is { } webhook ? webhook : NotFound();

    /// <summary>Unsubscribes: 204; nothing more is sent.</summary>
    [HttpDelete("{id:guid}", Name = "DeleteWebhook")]
    [Authorize(ApiScopes.Webhooks)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult> Delete(Guid id, CancellationToken ct) =>
        await webhooks.DeleteAsync(Owner, id, ct) ? NoContent() : NotFound();

    /// <summary>Resumes a disabled (or retrying) subscription from the first event it has not had: 200 with it.</summary>
    /// <remarks>Nothing is skipped: the events that came while it was disabled are sent first, in order. Takes an Idempotency-Key. Requires an X-Api-Key.</remarks>
    [HttpPost("{id:guid}/enable", Name = "EnableWebhook")]
    [Authorize(ApiScopes.Webhooks)]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult> Enable(Guid id, CancellationToken ct) =>
        this.Answer(await webhooks.EnableAsync(id, WriteContext.Of(HttpContext), ct));

    /// <summary>A subscription's delivery attempts, newest first: when, the status code or error, how long.</summary>
    [HttpGet("{id:guid}/deliveries", Name = "ListWebhookDeliveries")]
    [Authorize(ApiScopes.Webhooks)]
    [ProducesResponseType<Page<DeliveryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<Page<DeliveryResponse>>> Deliveries(Guid id, [FromQuery] PageQuery query, CancellationToken ct) =>
        await webhooks.ListDeliveriesAsync(Owner, id, query, ct) is { } page ? page : NotFound();

    private string Owner => User.Identity!.Name!;
}
