using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readouts.Api.Events;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;

namespace Readouts.Api.Webhooks;

/// <summary>Subscriptions over HTTP. Each belongs to the API key that made it: other keys see a 404.</summary>
public sealed class WebhookService(
    ReadoutsDbContext db,
    UnitOfWork unitOfWork,
    EventLog events,
    LeaderResolver leaders,
    RegistryNames names,
    IOptions<WebhookOptions> options,
    TimeProvider clock)
{
    /// <summary>
    /// Subscribes: 201 with the subscription and its secret, shown only here. Events from now on
    /// are sent; 422 for a target that is not a public address (unless Webhooks:AllowPrivateTargets).
    /// </summary>
    public async Task<WriteOutcome> CreateAsync(CreateWebhookRequest request, WriteContext writer, CancellationToken ct)
    {
        var url = new Uri(request.Url!);
        if (!options.Value.AllowPrivateTargets && await WebhookTargets.RefusedAsync(url, ct) is { } refused)
        {
            throw ApiProblemException.Unprocessable("url", $"{refused} Webhooks are only sent to public addresses.");
        }

        var leaderIds = request.Leaders is { Count: > 0 } given
            ? (await leaders.ResolveAsync(given.Select((l, i) => new LeaderResolver.Reference($"leaders[{i}]", l!)).ToList(), ct)).Values.Select(l => l.Id).Distinct().Order().ToArray()
            : [];
        // Committed events are numbered first, so that "from now on" starts after every one of them.
        await events.SequenceAsync(ct);
        return await unitOfWork.RunAsync(writer, request, async ct =>
        {
            var webhook = new Webhook
            {
                Id = Guid.CreateVersion7(),
                Owner = writer.KeyName,
                Url = url.AbsoluteUri,
                EventTypes = [.. request.Events!.Select(e => e!).Distinct()],
                LeaderIds = leaderIds,
                Secret = WebhookSignature.NewSecret(),
                CreatedAt = clock.GetUtcNow(),
                NextAttemptAt = clock.GetUtcNow(),
                LastEventId = await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0,
            };
            db.Webhooks.Add(webhook);
            await db.SaveChangesAsync(ct);
            return WriteOutcome.Of(StatusCodes.Status201Created, (await ToResponseAsync(webhook, ct)) with { Secret = webhook.Secret }, $"/api/webhooks/{webhook.Id}");
        }, ct);
    }

    public async Task<Page<WebhookResponse>> ListAsync(string owner, PageQuery query, CancellationToken ct)
    {
        var limit = query.Limit ?? Paging.DefaultLimit;
        var webhooks = db.Webhooks.AsNoTracking().Where(w => w.Owner == owner);
        if (Cursor.TryDecode(query.Cursor, out string? after) && Guid.TryParse(after, out var afterId))
        {
            webhooks = webhooks.Where(w => w.Id.CompareTo(afterId) > 0);
        }

        var rows = await webhooks.OrderBy(w => w.Id).Take(limit + 1).ToListAsync(ct);
        var page = Cursor.ToPage(rows, limit, w => Cursor.Encode(w.Id.ToString()));
        var items = new List<WebhookResponse>(page.Items.Count);
        foreach (var webhook in page.Items)
        {
            items.Add(await ToResponseAsync(webhook, ct));
        }

        return new Page<WebhookResponse>(items, page.NextCursor);
    }

    public async Task<WebhookResponse?> GetAsync(string owner, Guid id, CancellationToken ct) =>
        await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id && w.Owner == owner, ct) is { } webhook ? await ToResponseAsync(webhook, ct) : null;

    /// <summary>Unsubscribes: true when there was such a subscription. Its deliveries go with it.</summary>
    public async Task<bool> DeleteAsync(string owner, Guid id, CancellationToken ct) =>
        await db.Webhooks.Where(w => w.Id == id && w.Owner == owner).ExecuteDeleteAsync(ct) > 0;

    /// <summary>
    /// Resumes a subscription (a disabled one, once its receiver is mended, or a retrying one at
    /// once): delivery goes on from the first event not delivered, none skipped. 404 for none of the key's.
    /// </summary>
    public Task<WriteOutcome> EnableAsync(Guid id, WriteContext writer, CancellationToken ct) =>
        unitOfWork.RunAsync(writer, id, async ct =>
        {
            var now = clock.GetUtcNow();
            var found = await db.Webhooks.Where(w => w.Id == id && w.Owner == writer.KeyName).ExecuteUpdateAsync(w => w
                .SetProperty(x => x.DisabledAt, (DateTimeOffset?)null)
                .SetProperty(x => x.DisabledReason, (string?)null)
                .SetProperty(x => x.Failures, 0)
                .SetProperty(x => x.FailingSince, (DateTimeOffset?)null)
                .SetProperty(x => x.NextAttemptAt, now), ct);
            return found == 0
                ? throw new ApiProblemException(StatusCodes.Status404NotFound, "Not Found", $"You have no webhook {id}.")
                : WriteOutcome.Of(StatusCodes.Status200OK, (await GetAsync(writer.KeyName, id, ct))!);
        }, ct);

    /// <summary>A subscription's delivery attempts, newest first; null for no such subscription.</summary>
    public async Task<Page<DeliveryResponse>?> ListDeliveriesAsync(string owner, Guid id, PageQuery query, CancellationToken ct)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == id && w.Owner == owner, ct))
        {
            return null;
        }

        var limit = query.Limit ?? Paging.DefaultLimit;
        var before = Cursor.TryDecode(query.Cursor, out string? key) && long.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
        var rows = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.WebhookId == id && d.Id < before)
            .OrderByDescending(d => d.Id)
            .Take(limit + 1)
            .Select(d => new DeliveryResponse(d.Id, d.EventId, d.EventType, d.Attempt, d.AttemptedAt, d.Succeeded, d.StatusCode, d.Error, d.DurationMs))
            .ToListAsync(ct);
        return Cursor.ToPage(rows, limit, d => Cursor.Encode(d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private async Task<WebhookResponse> ToResponseAsync(Webhook w, CancellationToken ct)
    {
        var known = await names.NamesAsync(db, w.LeaderIds, [], [], ct);
        var status = w.DisabledAt is not null ? "disabled" : w.Failures > 0 ? "retrying" : "active";
        return new WebhookResponse(
            w.Id, w.Url, w.EventTypes, [.. w.LeaderIds.Where(known.Leaders.ContainsKey).Select(l => known.Leaders[l])], null, w.CreatedAt.ToUniversalTime(), status,
            w.LastEventId, w.Failures, w.FailingSince?.ToUniversalTime(), w.Failures > 0 && w.DisabledAt is null ? w.NextAttemptAt.ToUniversalTime() : null,
            w.DisabledAt?.ToUniversalTime(), w.DisabledReason);
    }
}
