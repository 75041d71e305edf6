using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;
using Readouts.Api.Webhooks;
using StandardWebhooks;

namespace Readouts.Api.Tests.Webhooks;

/// <summary>
/// Webhooks delivered to a receiver on 127.0.0.1 (Webhooks:AllowPrivateTargets=true), verified with
/// the Standard Webhooks library for .NET, as a receiver would. Only instances made here deliver:
/// the class's own factory is never started.
/// </summary>
public sealed class WebhookDeliveryTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task The_receiver_verifies_a_signed_call_source_added_when_the_other_side_publishes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var instance = Instance();
        var client = Webhooking.Writer(instance);
        var webhook = await Webhooking.SubscribeAsync(client, receiver, "call.source-added");
        Assert.StartsWith("whsec_", webhook.Secret);

        var (turkish, russian) = await Webhooking.PostBothSidesAsync(client);

        var received = Assert.Single(await receiver.WaitUntilAsync(r => r.Count >= 1, "a call.source-added"));
        new StandardWebhook(webhook.Secret!).Verify(received.Body, received.Headers);
        Assert.Equal("call.source-added", received.Type);
        Assert.Equal(russian.CallId, received.Data.GetProperty("callId").GetInt64());
        Assert.Equal(russian.Id, received.Data.GetProperty("readoutId").GetInt64());
        Assert.Equal(russian.Source, received.Data.GetProperty("source").GetString());
        Assert.Equal($"evt_{received.Data.GetProperty("id").GetInt64()}", received.Id);
        Assert.Equal(turkish.CallId, russian.CallId);

        // The signature covers the body: one byte changed, and the library refuses it.
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(webhook.Secret!).Verify(received.Body.Replace("source-added", "source-addex"), received.Headers));
        var shown = await client.GetJsonAsync<WebhookResponse>($"/api/webhooks/{webhook.Id}");
        Assert.Null(shown.Secret);
        Assert.Equal("active", shown.Status);
    }

    [Fact]
    public async Task A_receiver_that_failed_twice_gets_the_same_signed_event_a_third_time_and_the_attempts_are_listed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, attempt) => Task.FromResult(attempt <= 2 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
        using var instance = Instance();
        var client = Webhooking.Writer(instance);
        var webhook = await Webhooking.SubscribeAsync(client, receiver, "call.source-added");

        await Webhooking.PostBothSidesAsync(client);

        var got = await receiver.WaitUntilAsync(r => r.Any(x => x.AnsweredWith == 200), "a third attempt");
        Assert.Equal([1, 2, 3], got.Select(r => r.Attempt));
        Assert.Single(got.Select(r => r.Id).Distinct());
        new StandardWebhook(webhook.Secret!).Verify(got[2].Body, got[2].Headers);
        Assert.True(got[1].At - got[0].At >= Retry * 0.9, $"The first retry came {(got[1].At - got[0].At).TotalMilliseconds:0} ms after the failure, before the back-off.");

        var deliveries = await client.GetJsonAsync<Page<DeliveryResponse>>($"/api/webhooks/{webhook.Id}/deliveries");
        Assert.Equal([(3, true, 200), (2, false, 500), (1, false, 500)], deliveries.Items.Select(d => (d.Attempt, d.Succeeded, d.StatusCode ?? 0)));
        Assert.All(deliveries.Items, d => Assert.Equal("call.source-added", d.EventType));
        var shown = await client.GetJsonAsync<WebhookResponse>($"/api/webhooks/{webhook.Id}");
        Assert.Equal(("active", 0, deliveries.Items[0].EventId), (shown.Status, shown.Failures, shown.LastEventId));
    }

    [Fact]
    public async Task An_event_the_receiver_missed_is_delivered_after_the_api_restarts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(StatusCodes.Status503ServiceUnavailable);
        WebhookResponse webhook;
        (ReadoutResponse, ReadoutResponse) sides;
        using (var before = Instance())
        {
            var client = Webhooking.Writer(before);
            webhook = await Webhooking.SubscribeAsync(client, receiver, "call.source-added");
            sides = await Webhooking.PostBothSidesAsync(client);
            await receiver.WaitUntilAsync(r => r.Count >= 1, "a first, failed attempt");
        }

        // The API is down; the receiver comes back meanwhile.
        var failed = receiver.Requests.Count;
        receiver.Respond = (_, _) => Task.FromResult(StatusCodes.Status200OK);
        await Task.Delay(Retry * 3);
        Assert.Equal(failed, receiver.Requests.Count);

        using var after = Instance();
        var restarted = Webhooking.Writer(after);
        var got = await receiver.WaitUntilAsync(r => r.Any(x => x.AnsweredWith == 200), "the delivery after the restart");
        var delivered = got.Single(r => r.AnsweredWith == 200);
        new StandardWebhook(webhook.Secret!).Verify(delivered.Body, delivered.Headers);
        Assert.Equal(sides.Item2.CallId, delivered.Data.GetProperty("callId").GetInt64());
        Assert.Single(got.Select(r => r.Id).Distinct());
        Assert.Equal("active", (await restarted.GetJsonAsync<WebhookResponse>($"/api/webhooks/{webhook.Id}")).Status);
    }

    [Fact]
    public async Task Two_instances_deliver_each_event_once_between_them_in_event_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var first = Instance();
        using var second = Instance();
        var (a, b) = (Webhooking.Writer(first), Webhooking.Writer(second));
        await Webhooking.SubscribeAsync(a, receiver, "readout.created");
        var source = await a.NewSourceAsync("twice");
        var date = TestData.NewDate();

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? a : b).PostReadoutAsync(TestData.Readout(source, date.AddDays(-3 * i), "Lula", "Modi"))));

        var got = await receiver.WaitUntilAsync(r => r.Count >= 30, "30 readout.created");
        await Task.Delay(Retry * 3);
        got = [.. receiver.Requests];
        Assert.Equal(30, got.Count);
        Assert.Equal(30, got.Select(r => r.Id).Distinct().Count());
        var ids = got.Select(r => r.Data.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task A_subscription_failing_past_the_limit_is_disabled_says_why_and_is_sent_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(StatusCodes.Status410Gone);
        using var instance = Instance(("Webhooks:DisableAfter", "00:00:01"));
        var client = Webhooking.Writer(instance);
        var webhook = await Webhooking.SubscribeAsync(client, receiver, "call.source-added");
        await Webhooking.PostBothSidesAsync(client);

        var clock = Stopwatch.StartNew();
        WebhookResponse shown;
        do
        {
            await Task.Delay(100);
            shown = await client.GetJsonAsync<WebhookResponse>($"/api/webhooks/{webhook.Id}");
        }
        while (shown.Status != "disabled" && clock.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Equal("disabled", shown.Status);
        Assert.Contains("status 410", shown.DisabledReason);
        Assert.NotNull(shown.DisabledAt);
        var count = receiver.Requests.Count;
        Assert.True(count >= 3, $"Disabled after {count} attempts; it should have retried for a second first.");
        await Task.Delay(Retry * 4);
        Assert.Equal(count, receiver.Requests.Count);

        // Mended and enabled again: the event it missed comes first, then what came meanwhile.
        var (_, meanwhile) = await Webhooking.PostBothSidesAsync(client);
        receiver.Respond = (_, _) => Task.FromResult(StatusCodes.Status200OK);
        var enabled = await client.PostAsync($"/api/webhooks/{webhook.Id}/enable", null);
        await enabled.ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);
        var got = await receiver.WaitUntilAsync(r => r.Count(x => x.AnsweredWith == 200) >= 2, "the missed event and the one after");
        var delivered = got.Where(r => r.AnsweredWith == 200).ToList();
        Assert.Equal(got[0].Id, delivered[0].Id);
        Assert.Equal(meanwhile.CallId, delivered[1].Data.GetProperty("callId").GetInt64());
        Assert.Equal("active", (await client.GetJsonAsync<WebhookResponse>($"/api/webhooks/{webhook.Id}")).Status);
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_is_given_up_on_and_tried_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // The first attempt would be answered after 10 s, or when the sender hangs up; the sender
        // must hang up at its 1 s timeout. The bound below sits far from both, so that a loaded
        // machine (CI, two cores, every test at once) cannot tip it either way.
        receiver.Respond = async (request, attempt) =>
        {
            if (attempt == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), request.HttpContext.RequestAborted);
            }

            return StatusCodes.Status204NoContent;
        };
        using var instance = Instance(("Webhooks:Timeout", "00:00:01"));
        var client = Webhooking.Writer(instance);
        var webhook = await Webhooking.SubscribeAsync(client, receiver, "call.source-added");
        await Webhooking.PostBothSidesAsync(client);

        await receiver.WaitUntilAsync(r => r.Any(x => x.Attempt == 2), "the attempt after the timeout");
        var deliveries = (await client.GetJsonAsync<Page<DeliveryResponse>>($"/api/webhooks/{webhook.Id}/deliveries")).Items;
        var listed = string.Join("; ", deliveries.Select(d => $"attempt {d.Attempt}: {(d.StatusCode is { } code ? $"status {code}" : d.Error)} in {d.DurationMs} ms"));
        var slow = deliveries.SingleOrDefault(d => d.Attempt == 1);
        if (slow is not { Succeeded: false, StatusCode: null })
        {
            Assert.Fail($"The first attempt should be listed as failed with no status; the deliveries: {listed}");
        }

        Assert.True(slow.Error?.Contains("No answer within 1 s", StringComparison.Ordinal), $"The first attempt should say it timed out; the deliveries: {listed}");
        Assert.True(slow.DurationMs is >= 900 and < 6000, $"The sender should have hung up after about 1 s, not waited for the receiver's 10 s; the deliveries: {listed}");
    }

    [Fact]
    public async Task Only_events_of_the_given_leaders_are_sent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var instance = Instance();
        var client = Webhooking.Writer(instance);
        var created = await client.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, events = new[] { "readout.created" }, leaders = new[] { "Лула" } });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.Equal(["luiz-inacio-lula-da-silva"], (await created.Content.ReadFromJsonAsync<WebhookResponse>())!.Leaders.Select(l => l.Slug));
        var source = await client.NewSourceAsync();
        var date = TestData.NewDate();

        await client.PostReadoutAsync(TestData.Readout(source, date, "Erdoğan", "Putin"));
        var lula = await client.PostReadoutAsync(TestData.Readout(source, date, "Lula", "Modi"));

        var got = await receiver.WaitUntilAsync(r => r.Count >= 1, "Lula's readout");
        await Task.Delay(Retry * 2);
        Assert.Equal([lula.Id], receiver.Requests.Select(r => r.Data.GetProperty("readoutId").GetInt64()));
    }

    private WebApplicationFactory<Program> Instance(params (string Key, string Value)[] settings) => Webhooking.Instance(api, Retry, settings);
}
