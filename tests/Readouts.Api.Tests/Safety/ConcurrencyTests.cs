using System.Net;
using System.Net.Http.Json;
using Readouts.Api.Calls;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Safety;

/// <summary>Two running instances of the API on one database behave as one.</summary>
public sealed class ConcurrencyTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    [Fact]
    public async Task Both_sides_of_40_calls_posted_at_once_over_two_instances_make_40_calls_of_2_readouts()
    {
        // A second host with its own services and connection pool, on the same database.
        using var secondInstance = api.WithWebHostBuilder(_ => { });
        var first = api.CreateWriter();
        var second = secondInstance.CreateClient();
        second.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);
        var presidency = await first.NewSourceAsync("presidency");
        var kremlin = await first.NewSourceAsync("kremlin");
        var start = TestData.NewDate();
        // Three days apart, so that no readout may rightly join a neighbouring call.
        var dates = Enumerable.Range(0, 40).Select(i => start.AddDays(-3 * i)).ToList();

        var posts = dates.SelectMany(date => new[]
        {
            (Client: first, Request: TestData.Readout(presidency, date, "Erdoğan", "Putin")),
            (Client: second, Request: TestData.Readout(kremlin, date, "Путин", "Эрдоган")),
        }).ToList();
        var answers = await TestData.SendAllAtOnceAsync(posts.Select(p => (Func<Task<HttpResponseMessage>>)(() => p.Client.PostAsJsonAsync("/api/readouts", p.Request))));

        var failures = answers.Where(a => a.StatusCode != HttpStatusCode.Created).Select(a => (int)a.StatusCode).ToList();
        Assert.True(failures.Count == 0, $"Posts failed: {string.Join(", ", failures)}");
        var readouts = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<ReadoutResponse>())!));
        var calls = readouts.GroupBy(r => r.CallId).ToList();
        Assert.True(calls.Count == 40, $"Expected 40 calls, got {calls.Count}: {string.Join("; ", calls.Select(c => $"call {c.Key}: {string.Join(", ", c.Select(r => $"{r.Source} {r.CallDate}"))}"))}");
        Assert.All(calls, call => Assert.Equal([kremlin, presidency], call.Select(r => r.Source).Order()));
        Assert.All(calls, call => Assert.Single(call.Select(r => r.CallDate).Distinct()));

        var listed = await first.GetAllPagesAsync<CallSummary>($"/api/calls?source={kremlin}");
        Assert.Equal(40, listed.Count);
    }
}
