using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Validation;

/// <summary>With the database unreachable, the API says so with a 503 a client can retry, not a 500.</summary>
public sealed class DatabaseOutageTests : IDisposable
{
    private readonly WebApplicationFactory<Program> api = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        // Nothing listens on port 1: every connection attempt is refused at once.
        builder.UseSetting("ConnectionStrings:Readouts", "Host=127.0.0.1;Port=1;Database=readouts;Username=readouts;Password=readouts;Timeout=2");
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("ApiKeys:0", ReadoutsApiFactory.ApiKey);
    });

    [Fact]
    public async Task Reads_and_writes_answer_503_with_retry_after_while_the_database_is_down()
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);

        var read = await client.GetAsync("/api/calls");
        await read.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(read.Headers.RetryAfter);

        var write = await client.PostAsync("/api/sources", new StringContent("""{"slug":"x","name":"X","country":"TR","url":"https://x.org"}""", System.Text.Encoding.UTF8, "application/json"));
        await write.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Readouts_posted_together_while_the_database_is_down_are_refused_together_not_one_after_another()
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);
        var date = TestData.NewDate();
        var alone = System.Diagnostics.Stopwatch.StartNew();
        await (await client.PostAsJsonAsync("/api/readouts", TestData.Readout("kremlin", date, "Putin", "Erdoğan"))).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        alone.Stop();

        var together = System.Diagnostics.Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => client.PostAsJsonAsync("/api/readouts", TestData.Readout("kremlin", date.AddDays(-3 * i), "Putin", "Erdoğan"))));
        together.Stop();

        foreach (var answer in answers)
        {
            await answer.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        }

        // Each post waits out the connection retries once (about 5 s); eight in a row would take eight times that.
        Assert.True(together.Elapsed < alone.Elapsed * 3,
            $"Eight posts together took {together.Elapsed.TotalSeconds:F1} s to be refused; one alone took {alone.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task Readiness_fails_while_liveness_holds()
    {
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    public void Dispose() => api.Dispose();
}
