using Readouts.Api.Calls;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Topics;

namespace Readouts.Api.Tests.Calls;

/// <summary>How a comparison is derived from a call, without a database.</summary>
public sealed class CallComparisonRulesTests
{
    private static readonly LeaderRef First = new("a-leader", "A Leader", "US");
    private static readonly LeaderRef Other = new("b-leader", "B Leader", "FR");
    private static readonly TopicRef Trade = new("trade", "Trade");
    private static readonly TopicRef Climate = new("climate", "Climate");
    private static readonly TopicRef Security = new("security", "Security");

    private static ReadoutResponse Readout(long id, string source, string language, TopicRef[] topics, params StatementResponse[] statements) =>
        new(id, 1, source, language, new DateOnly(2025, 1, 1), null, "t", $"https://{source}.org/{id}", "b", [First, Other], topics, statements, DateTimeOffset.UnixEpoch);

    private static CallDetails CallOf(params ReadoutResponse[] readouts) =>
        new(1, new DateOnly(2025, 1, 1), [First, Other], readouts.SelectMany(r => r.Topics).Distinct().ToList(), readouts);

    [Fact]
    public void Shared_topics_are_those_every_source_mentions_in_any_of_its_languages()
    {
        var comparison = CallComparison.Of(CallOf(
            Readout(1, "us", "en", [Trade]),
            Readout(2, "us", "es", [Climate]),
            Readout(3, "fr", "fr", [Trade, Climate, Security])));

        Assert.Equal([Climate, Trade], comparison.SharedTopics.OrderBy(t => t.Slug));
        Assert.Empty(comparison.TopicsOnlyIn["us"]);
        Assert.Equal([Security], comparison.TopicsOnlyIn["fr"]);
        Assert.Equal(["en", "es"], comparison.Sources.Single(s => s.Slug == "us").Languages);
    }

    [Fact]
    public void Statements_are_grouped_by_speaker_in_the_calls_leader_order_with_joint_statements_last()
    {
        var comparison = CallComparison.Of(CallOf(
            Readout(1, "us", "en", [], new StatementResponse(null, "joint"), new StatementResponse(new SpeakerRef("b-leader", "B Leader"), "b says")),
            Readout(2, "fr", "fr", [], new StatementResponse(new SpeakerRef("a-leader", "A Leader"), "a says"))));

        Assert.Equal(["a-leader", "b-leader", null], comparison.StatementsBySpeaker.Select(s => s.Speaker?.Slug));
        Assert.Equal(["joint"], comparison.StatementsBySpeaker[2].BySource["us"]);
    }

    [Fact]
    public void A_call_with_one_source_has_all_its_topics_shared_and_nobody_published_first()
    {
        var comparison = CallComparison.Of(CallOf(Readout(1, "us", "en", [Trade])));

        Assert.Equal([Trade], comparison.SharedTopics);
        Assert.Null(comparison.PublishedFirst);
    }
}
