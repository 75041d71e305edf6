using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Safety;

/// <summary>Idempotency-Key on POST: a retry replays the first answer, never writes twice.</summary>
public sealed class IdempotencyTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_answer()
    {
        var request = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin");
        var key = Guid.NewGuid().ToString();

        var first = await client.PostWithKeyAsync("/api/readouts", request, key);
        var retry = await client.PostWithKeyAsync("/api/readouts", request, key);

        await first.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await retry.ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"), "The first answer was marked as a replay.");
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        var stored = await client.GetJsonAsync<Page<ReadoutSummary>>($"/api/readouts?source={request.Source}");
        Assert.Single(stored.Items);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_422()
    {
        var request = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin");
        var key = Guid.NewGuid().ToString();
        await (await client.PostWithKeyAsync("/api/readouts", request, key)).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var other = await client.PostWithKeyAsync("/api/readouts", request with { Title = "Another title" }, key);

        var problem = await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("different request", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        var stored = await client.GetJsonAsync<Page<ReadoutSummary>>($"/api/readouts?source={request.Source}");
        Assert.Equal(["Telephone conversation of Erdoğan and Putin"], stored.Items.Select(r => r.Title));
    }

    [Fact]
    public async Task The_same_key_on_another_endpoint_is_refused_with_422()
    {
        var key = Guid.NewGuid().ToString();
        var slug = $"src-{Guid.NewGuid():N}"[..20];
        await (await client.PostWithKeyAsync("/api/sources", new { slug, name = "A source", country = "TR", url = "https://a.example.org" }, key))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        var leader = await client.PostWithKeyAsync("/api/leaders", new { name = $"Leader {Guid.NewGuid():N}"[..20], country = "TR" }, key);

        await leader.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_api_key_that_sent_them()
    {
        using var twoKeys = api.WithWebHostBuilder(b => b.UseSetting("ApiKeys:1:Name", "second-desk").UseSetting("ApiKeys:1:Key", "second-key"));
        var first = twoKeys.CreateClient();
        first.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);
        var second = twoKeys.CreateClient();
        second.DefaultRequestHeaders.Add("X-Api-Key", "second-key");
        var key = Guid.NewGuid().ToString();

        var fromFirst = await first.PostWithKeyAsync("/api/sources", new { slug = $"a-{Guid.NewGuid():N}"[..16], name = "A", country = "TR", url = "https://a.example.org" }, key);
        var fromSecond = await second.PostWithKeyAsync("/api/sources", new { slug = $"b-{Guid.NewGuid():N}"[..16], name = "B", country = "TR", url = "https://b.example.org" }, key);

        await fromFirst.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await fromSecond.ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.False(fromSecond.Headers.Contains("Idempotent-Replayed"), "Another API key's request was replayed.");
    }

    [Fact]
    public async Task A_leader_posted_twice_with_one_key_is_created_once()
    {
        var body = new { name = $"Leader {Guid.NewGuid():N}"[..20], country = "FR" };
        var key = Guid.NewGuid().ToString();

        var first = await client.PostWithKeyAsync("/api/leaders", body, key);
        var retry = await client.PostWithKeyAsync("/api/leaders", body, key);

        await first.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await retry.ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);

        // Without the key the same post is what it always was: a conflict.
        var withoutKey = await client.PostAsJsonAsync("/api/leaders", body);
        await withoutKey.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Ten_identical_posts_at_the_same_moment_store_one_readout()
    {
        var request = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsJsonAsync("/api/readouts", request)));

        var statuses = answers.Select(a => (int)a.StatusCode).Order().ToList();
        Assert.True(statuses.Count(s => s == 201) == 1 && statuses.Count(s => s == 200) == 9, $"Expected one 201 and nine 200, got {string.Join(", ", statuses)}");
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<ReadoutResponse>())!.Id));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Ten_posts_with_one_key_at_the_same_moment_store_one_readout_and_replay_it()
    {
        var request = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin");
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostWithKeyAsync("/api/readouts", request, key)));

        var statuses = answers.Select(a => (int)a.StatusCode).ToList();
        Assert.True(statuses.All(s => s == 201), $"Every answer should be the first one's 201, got {string.Join(", ", statuses)}");
        Assert.Equal(9, answers.Count(a => a.Headers.Contains("Idempotent-Replayed")));
        var stored = await client.GetJsonAsync<Page<ReadoutSummary>>($"/api/readouts?source={request.Source}");
        Assert.Single(stored.Items);
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("ключ")]
    [InlineData(null)]
    public async Task An_unusable_key_is_a_400(string? key)
    {
        // null stands for a key one character too long.
        key ??= new string('k', 256);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sources")
        {
            Content = JsonContent.Create(new { slug = "never-stored", name = "X", country = "TR", url = "https://x.example.org" }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var problem = await (await client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("Idempotency-Key"));
    }

    [Fact]
    public async Task Records_older_than_the_retention_are_forgotten()
    {
        using var shortMemory = api.WithWebHostBuilder(b => b.UseSetting("Idempotency:RetentionHours", "0"));
        var writer = shortMemory.CreateClient();
        writer.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);
        var key = Guid.NewGuid().ToString();
        await (await writer.PostWithKeyAsync("/api/sources", new { slug = $"c-{Guid.NewGuid():N}"[..16], name = "C", country = "TR", url = "https://c.example.org" }, key))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        var purged = await shortMemory.Services.GetRequiredService<IdempotencyCleanup>().PurgeAsync(CancellationToken.None);

        Assert.True(purged >= 1, "The cleanup forgot nothing.");
        var reused = await writer.PostWithKeyAsync("/api/sources", new { slug = $"d-{Guid.NewGuid():N}"[..16], name = "D", country = "TR", url = "https://d.example.org" }, key);
        await reused.ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.False(reused.Headers.Contains("Idempotent-Replayed"), "A forgotten key was replayed.");
    }
}
