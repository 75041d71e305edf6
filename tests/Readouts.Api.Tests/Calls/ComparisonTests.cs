using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Readouts.Api.Calls;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Calls;

/// <summary>GET /api/calls/{id}/comparison and GET /api/calls/{id} on the seed call.</summary>
public sealed class ComparisonTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>, IAsyncLifetime
{
    private readonly HttpClient client = api.CreateWriter();
    private long seedCallId;

    public async Task InitializeAsync()
    {
        var samples = JsonSerializer.Deserialize<List<CreateReadoutRequest>>(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "readouts.json")),
            JsonSerializerOptions.Web)!;
        foreach (var sample in samples)
        {
            // The class shares one database: the second test's posts are identical resends.
            var response = await client.PostAsJsonAsync("/api/readouts", sample);
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"Posting the {sample.Source} sample answered {response.StatusCode}.");
            seedCallId = (await response.Content.ReadFromJsonAsync<ReadoutResponse>())!.CallId;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_comparison_shows_shared_topics_and_topics_only_one_side_mentions()
    {
        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{seedCallId}/comparison");

        Assert.Equal(["iletisim", "kremlin"], comparison.Sources.Select(s => s.Slug).Order());
        Assert.Equal(["russia-ukraine-war", "turkiye-russia-relations"], comparison.SharedTopics.Select(t => t.Slug).Order());
        Assert.Equal(["regional-and-global-issues"], comparison.TopicsOnlyIn["iletisim"].Select(t => t.Slug));
        Assert.Equal(["alaska-summit", "g20-summit", "istanbul-negotiations", "us-peace-proposals"], comparison.TopicsOnlyIn["kremlin"].Select(t => t.Slug).Order());
    }

    [Fact]
    public async Task The_comparison_groups_statements_by_speaker_then_source()
    {
        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{seedCallId}/comparison");

        var erdogan = comparison.StatementsBySpeaker.Single(s => s.Speaker?.Slug == "recep-tayyip-erdogan");
        Assert.Equal(2, erdogan.BySource["iletisim"].Count);
        Assert.Equal(2, erdogan.BySource["kremlin"].Count);

        var putin = comparison.StatementsBySpeaker.Single(s => s.Speaker?.Slug == "vladimir-putin");
        Assert.Equal(["kremlin"], putin.BySource.Keys);

        var joint = comparison.StatementsBySpeaker.Single(s => s.Speaker is null);
        Assert.Contains("mutabık", Assert.Single(joint.BySource["kremlin"]), StringComparison.Ordinal);
        Assert.Null(comparison.StatementsBySpeaker[^1].Speaker);
    }

    [Fact]
    public async Task The_call_shows_both_readouts_with_speakers_as_leaders_or_null()
    {
        var call = await client.GetJsonAsync<CallDetails>($"/api/calls/{seedCallId}");

        Assert.Equal(2, call.Readouts.Count);
        var kremlin = call.Readouts.Single(r => r.Source == "kremlin");
        Assert.Equal(5, kremlin.Statements.Count);
        Assert.Equal("Vladimir Putin", kremlin.Statements[0].Speaker?.Name);
        Assert.Null(kremlin.Statements[^1].Speaker);
        Assert.Contains(call.Topics, t => t.Slug == "alaska-summit");
    }

    [Fact]
    public async Task The_comparison_says_who_published_first_and_by_how_much()
    {
        var date = TestData.NewDate();
        var first = await client.NewSourceAsync("first");
        var second = await client.NewSourceAsync("second");
        var published = new DateTimeOffset(date.ToDateTime(new TimeOnly(15, 0)), TimeSpan.FromHours(3));
        var readout = await client.PostReadoutAsync(TestData.Readout(second, date, "Erdoğan", "Putin") with { PublishedAt = published.AddMinutes(135) });
        await client.PostReadoutAsync(TestData.Readout(first, date, "Erdoğan", "Putin") with { PublishedAt = published });

        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{readout.CallId}/comparison");

        Assert.NotNull(comparison.PublishedFirst);
        Assert.Equal(first, comparison.PublishedFirst.Source);
        Assert.Equal(second, comparison.PublishedFirst.AheadOf);
        Assert.Equal(published.ToUniversalTime(), comparison.PublishedFirst.PublishedAt);
        Assert.Equal(8100, comparison.PublishedFirst.AheadBySeconds);
        Assert.Equal("PT2H15M", comparison.PublishedFirst.AheadBy);
    }

    [Fact]
    public async Task Without_two_publication_times_nobody_published_first()
    {
        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{seedCallId}/comparison");

        Assert.Null(comparison.PublishedFirst);
    }

    [Fact]
    public async Task Comparing_an_unknown_call_is_404()
    {
        var response = await client.GetAsync("/api/calls/987654321/comparison");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
