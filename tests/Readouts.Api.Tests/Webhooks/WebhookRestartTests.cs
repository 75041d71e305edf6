using Microsoft.AspNetCore.Http;
using Readouts.Api.Infrastructure;
using Readouts.Api.Tests.Infrastructure;
using Readouts.Api.Tests.Safety;
using Readouts.Api.Webhooks;
using StandardWebhooks;

namespace Readouts.Api.Tests.Webhooks;

/// <summary>PostgreSQL restarting while a webhook is still to be delivered: it stops the server every other test uses, so it runs alone.</summary>
[Collection(nameof(DatabaseRestarts))]
public sealed class WebhookRestartTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    [Fact]
    public async Task A_delivery_still_due_when_postgresql_restarts_is_made_once_it_is_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(StatusCodes.Status503ServiceUnavailable);
        using var instance = Webhooking.Instance(api, TimeSpan.FromMilliseconds(500));
        var client = Webhooking.Writer(instance);
        var webhook = await Webhooking.SubscribeAsync(client, receiver, "call.source-added");
        var (_, russian) = await Webhooking.PostBothSidesAsync(client);
        await receiver.WaitUntilAsync(r => r.Count >= 1, "a first, failed attempt");

        await TestDatabase.StopServerAsync();
        receiver.Respond = (_, _) => Task.FromResult(StatusCodes.Status200OK);
        // Passes fail meanwhile: nothing can be read or recorded.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await TestDatabase.StartServerAsync();

        var got = await receiver.WaitUntilAsync(r => r.Any(x => x.AnsweredWith == 200), "the delivery after PostgreSQL's restart", TimeSpan.FromSeconds(60));
        var delivered = got.Single(r => r.AnsweredWith == 200);
        new StandardWebhook(webhook.Secret!).Verify(delivered.Body, delivered.Headers);
        Assert.Equal(russian.CallId, delivered.Data.GetProperty("callId").GetInt64());
        Assert.Single(got.Select(r => r.Id).Distinct());
        var deliveries = await client.GetJsonAsync<Page<DeliveryResponse>>($"/api/webhooks/{webhook.Id}/deliveries");
        Assert.True(deliveries.Items[0].Succeeded, "The last attempt recorded is not the successful one.");
    }
}
