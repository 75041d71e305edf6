using System.Net;
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

    // The class shares one database: a second test's posts are identical resends.
    public async Task InitializeAsync() => seedCallId = await client.PostSamplesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The texts of a sample readout's statements by one speaker as the sample spells them (null: joint).</summary>
    private static List<string> SampleStatements(string source, string? speaker) =>
        TestData.Sample(source).Statements!
            .Where(s => s!.Speaker == speaker)
            .Select(s => s!.Text!)
            .ToList();

    [Fact]
    public async Task The_comparison_shows_the_subjects_both_sides_name_and_those_only_one_side_does_whatever_their_languages()
    {
        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{seedCallId}/comparison");

        Assert.Equal(["iletisim", "kremlin"], comparison.Sources.Select(s => s.Slug).Order());
        Assert.Equal(["ukraine"], comparison.SharedTopics.Select(t => t.Slug));
        // Turkish labels and mentions; the callers' own countries (Russia, Türkiye) are not mentions.
        Assert.Equal(["bilateral-relations", "regional-and-global-issues", "russia-ukraine-war", "turkiye-rusya-iliskileri"], comparison.TopicsOnlyIn["iletisim"].Select(t => t.Slug).Order());
        Assert.Equal(["g20", "peace-talks", "rossiisko-turetskie-otnosheniya", "sammit-gruppy-dvadtsati"], comparison.TopicsOnlyIn["kremlin"].Select(t => t.Slug).Order());
    }

    [Fact]
    public async Task The_comparison_groups_statements_by_speaker_then_source()
    {
        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{seedCallId}/comparison");

        Assert.Equal(["recep-tayyip-erdogan", "vladimir-putin", null], comparison.StatementsBySpeaker.Select(s => s.Speaker?.Slug));

        var erdogan = comparison.StatementsBySpeaker.Single(s => s.Speaker?.Slug == "recep-tayyip-erdogan");
        Assert.Equal("Recep Tayyip Erdoğan", erdogan.Speaker!.Name);
        Assert.Equal(SampleStatements("iletisim", "Erdoğan"), erdogan.BySource["iletisim"]);
        Assert.Equal(SampleStatements("kremlin", "Эрдоган"), erdogan.BySource["kremlin"]);

        var putin = comparison.StatementsBySpeaker.Single(s => s.Speaker?.Slug == "vladimir-putin");
        Assert.Equal(["kremlin"], putin.BySource.Keys);
        Assert.Equal(SampleStatements("kremlin", "Путин"), putin.BySource["kremlin"]);

        var joint = comparison.StatementsBySpeaker.Single(s => s.Speaker is null);
        Assert.Equal(["kremlin"], joint.BySource.Keys);
        Assert.Equal(SampleStatements("kremlin", null), joint.BySource["kremlin"]);
    }

    [Fact]
    public async Task The_call_shows_both_readouts_with_speakers_as_leaders_or_null()
    {
        var call = await client.GetJsonAsync<CallDetails>($"/api/calls/{seedCallId}");

        Assert.Equal(2, call.Readouts.Count);
        Assert.Equal(["iletisim", "kremlin"], call.Readouts.Select(r => r.Source).Order());
        var kremlin = call.Readouts.Single(r => r.Source == "kremlin");
        Assert.Equal(
            ["vladimir-putin", "vladimir-putin", "recep-tayyip-erdogan", "recep-tayyip-erdogan", null],
            kremlin.Statements.Select(s => s.Speaker?.Slug));
        Assert.Equal(new SpeakerRef("vladimir-putin", "Vladimir Putin"), kremlin.Statements[0].Speaker);
        Assert.Null(kremlin.Statements[^1].Speaker);
        var iletisim = call.Readouts.Single(r => r.Source == "iletisim");
        Assert.All(iletisim.Statements, s => Assert.Equal(new SpeakerRef("recep-tayyip-erdogan", "Recep Tayyip Erdoğan"), s.Speaker));
        // Labelled by one side (the Kremlin's "Мирные переговоры"), named in the other's text (bölgesel ve küresel konular).
        Assert.Contains(call.Topics, t => t.Slug == "peace-talks");
        Assert.Contains(call.Topics, t => t.Slug == "regional-and-global-issues");
    }

    [Fact]
    public async Task A_statements_speaker_is_an_object_with_slug_and_name_or_json_null()
    {
        var call = await client.GetJsonAsync<JsonElement>($"/api/calls/{seedCallId}");

        var speakers = call.GetProperty("readouts").EnumerateArray()
            .SelectMany(r => r.GetProperty("statements").EnumerateArray())
            .Select(s => s.GetProperty("speaker"))
            .ToList();
        Assert.Equal(7, speakers.Count);
        Assert.Single(speakers, s => s.ValueKind == JsonValueKind.Null);
        Assert.All(
            speakers.Where(s => s.ValueKind != JsonValueKind.Null),
            s => Assert.Equal(["name", "slug"], s.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Reading_an_unknown_call_is_404()
    {
        var response = await client.GetAsync("/api/calls/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
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
    public async Task The_lead_is_measured_from_each_sources_first_readout_to_the_next_source()
    {
        var date = TestData.NewDate();
        var first = await client.NewSourceAsync("first");
        var second = await client.NewSourceAsync("second");
        var untimed = await client.NewSourceAsync("untimed");
        var published = new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var readout = await client.PostReadoutAsync(TestData.Readout(first, date, "Macron", "Merz") with { Language = "fr", PublishedAt = published.AddMinutes(50) });
        await client.PostReadoutAsync(TestData.Readout(second, date, "Merz", "Macron") with { PublishedAt = published.AddSeconds(90) });
        await client.PostReadoutAsync(TestData.Readout(first, date, "Macron", "Merz") with { PublishedAt = published });
        await client.PostReadoutAsync(TestData.Readout(untimed, date, "Merz", "Macron"));

        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{readout.CallId}/comparison");

        Assert.Equal([first, second, untimed], comparison.Sources.Select(s => s.Slug).Order());
        Assert.Equal(["en", "fr"], comparison.Sources.Single(s => s.Slug == first).Languages.Order());
        Assert.NotNull(comparison.PublishedFirst);
        Assert.Equal((first, second, 90L, "PT1M30S"), (comparison.PublishedFirst.Source, comparison.PublishedFirst.AheadOf, comparison.PublishedFirst.AheadBySeconds, comparison.PublishedFirst.AheadBy));
    }

    [Fact]
    public async Task Without_two_publication_times_nobody_published_first()
    {
        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{seedCallId}/comparison");

        Assert.Null(comparison.PublishedFirst);
    }

    [Fact]
    public async Task One_source_giving_times_for_two_languages_is_not_two_sources_giving_times()
    {
        var date = TestData.NewDate();
        var timed = await client.NewSourceAsync("timed");
        var untimed = await client.NewSourceAsync("untimed");
        var published = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var readout = await client.PostReadoutAsync(TestData.Readout(timed, date, "Putin", "Erdoğan") with { Language = "ru", PublishedAt = published });
        await client.PostReadoutAsync(TestData.Readout(timed, date, "Putin", "Erdoğan") with { PublishedAt = published.AddHours(1) });
        await client.PostReadoutAsync(TestData.Readout(untimed, date, "Erdoğan", "Putin"));

        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{readout.CallId}/comparison");

        Assert.Equal(3, comparison.Sources.Sum(s => s.ReadoutIds.Count));
        Assert.Null(comparison.PublishedFirst);
    }

    [Fact]
    public async Task Comparing_an_unknown_call_is_404()
    {
        var response = await client.GetAsync("/api/calls/987654321/comparison");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
