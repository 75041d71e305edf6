using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Safety;

/// <summary>Tests that stop the PostgreSQL server every other test uses, so they run alone, after the rest.</summary>
[CollectionDefinition(nameof(DatabaseRestarts), DisableParallelization = true)]
public sealed class DatabaseRestarts;

/// <summary>PostgreSQL restarting in the middle of a stream of posts.</summary>
[Collection(nameof(DatabaseRestarts))]
public sealed class RestartTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private const int Readouts = 120;

    /// <summary>
    /// Between a worker's posts: a stream of posts rather than a burst, so that posts are still
    /// waiting when the server stops (a burst of 60 was once all stored before it did, under load).
    /// </summary>
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Posts_retried_with_their_keys_through_a_restart_are_each_stored_exactly_once()
    {
        var client = api.CreateWriter();
        var source = await client.NewSourceAsync("restart");
        var start = TestData.NewDate();
        var queue = new ConcurrentQueue<ReadoutRequest>(Enumerable.Range(0, Readouts)
            .Select(i => TestData.Readout(source, start.AddDays(-3 * i), "Erdoğan", "Putin")));
        var answers = new ConcurrentBag<(int Status, string ContentType, bool RetryAfter)>();
        var stored = 0;

        async Task PostAllAsync()
        {
            while (queue.TryDequeue(out var request))
            {
                var key = Guid.NewGuid().ToString();
                var deadline = Stopwatch.StartNew();
                while (true)
                {
                    var response = await client.PostWithKeyAsync("/api/readouts", request, key);
                    answers.Add(((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", response.Headers.RetryAfter is not null));
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref stored);
                        await Task.Delay(Pace);
                        break;
                    }

                    Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"A post got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), "A post kept failing for 90 s after the restart.");
                    await Task.Delay(500);
                }
            }
        }

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(PostAllAsync)).ToList();
        while (Volatile.Read(ref stored) < 10)
        {
            await Task.Delay(20);
        }

        await TestDatabase.StopServerAsync();
        // Longer than the API's own retries (about 5 s), so that some posts must fail with a 503.
        await Task.Delay(TimeSpan.FromSeconds(8));
        var readyWhileDown = (await client.GetAsync("/health/ready")).StatusCode;
        await TestDatabase.StartServerAsync();
        await Task.WhenAll(workers);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var unavailable = answers.Where(a => a.Status == 503).ToList();
        Assert.True(unavailable.Count > 0, $"No post saw the outage; answers: {string.Join(", ", answers.Select(a => a.Status))}");
        Assert.All(unavailable, a => Assert.True(a is { ContentType: "application/problem+json", RetryAfter: true }, $"A 503 came as {a.ContentType}, Retry-After {a.RetryAfter}."));

        var readouts = await client.GetAllPagesAsync<ReadoutSummary>($"/api/readouts?source={source}");
        Assert.Equal(Readouts, readouts.Count);
        Assert.Equal(Readouts, readouts.Select(r => r.Url).Distinct().Count());
        Assert.Equal(Readouts, readouts.Select(r => r.CallId).Distinct().Count());
    }
}
