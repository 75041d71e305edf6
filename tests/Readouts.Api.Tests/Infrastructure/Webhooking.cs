using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Readouts.Api.Readouts;
using Readouts.Api.Webhooks;

namespace Readouts.Api.Tests.Infrastructure;

/// <summary>Instances that deliver webhooks, subscriptions, and a call told by both sides.</summary>
public static class Webhooking
{
    /// <summary>An instance of the app on the factory's database that delivers to 127.0.0.1, polling and retrying fast.</summary>
    public static WebApplicationFactory<Program> Instance(ReadoutsApiFactory api, TimeSpan retry, params (string Key, string Value)[] settings) => api.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.2");
        builder.UseSetting("Webhooks:RetrySchedule:0", retry.ToString());
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    });

    public static HttpClient Writer(WebApplicationFactory<Program> instance)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);
        return client;
    }

    public static async Task<WebhookResponse> SubscribeAsync(HttpClient client, WebhookReceiver receiver, params string[] events)
    {
        var response = await client.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, events });
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<WebhookResponse>())!;
    }

    /// <summary>The Presidency's account in Turkish, then the Kremlin's in Russian, of one new call.</summary>
    public static async Task<(ReadoutResponse Turkish, ReadoutResponse Russian)> PostBothSidesAsync(HttpClient client)
    {
        var (presidency, kremlin, date) = (await client.NewSourceAsync("iletisim"), await client.NewSourceAsync("kremlin"), TestData.NewDate());
        var turkish = await client.PostReadoutAsync(TestData.TurkishSide(presidency, date));
        var russian = await client.PostReadoutAsync(TestData.RussianSide(kremlin, date));
        return (turkish, russian);
    }
}
