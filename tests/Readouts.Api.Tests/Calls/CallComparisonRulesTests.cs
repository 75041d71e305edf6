using System.Globalization;
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
    private static readonly TopicRef Trade = new("trade", "Trade", "theme");
    private static readonly TopicRef Climate = new("climate", "Climate", "theme");
    private static readonly TopicRef Security = new("security", "Security", "other");

    private static ReadoutResponse Readout(long id, string source, string language, TopicRef[] topics, params StatementResponse[] statements) =>
        new(id, 1, 1, DateTimeOffset.UnixEpoch, source, language, new DateOnly(2025, 1, 1), null, "t", $"https://{source}.org/{id}", "b", [First, Other], topics, [], statements, DateTimeOffset.UnixEpoch);

    private static ReadoutResponse Published(ReadoutResponse readout, string publishedAt) =>
        readout with { PublishedAt = DateTimeOffset.Parse(publishedAt, CultureInfo.InvariantCulture) };

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
    public void A_call_told_by_one_source_shares_nothing_and_nobody_published_first()
    {
        var comparison = CallComparison.Of(CallOf(Readout(1, "us", "en", [Trade])));

        Assert.Empty(comparison.SharedTopics);
        Assert.Equal([Trade], comparison.TopicsOnlyIn["us"]);
        Assert.Null(comparison.PublishedFirst);
    }

    [Fact]
    public void A_topic_two_of_three_sources_mention_is_neither_shared_nor_only_in_either()
    {
        var comparison = CallComparison.Of(CallOf(
            Readout(1, "us", "en", [Trade, Climate]),
            Readout(2, "fr", "fr", [Trade, Climate]),
            Readout(3, "de", "de", [Trade, Security])));

        Assert.Equal([Trade], comparison.SharedTopics);
        Assert.Empty(comparison.TopicsOnlyIn["us"]);
        Assert.Empty(comparison.TopicsOnlyIn["fr"]);
        Assert.Equal([Security], comparison.TopicsOnlyIn["de"]);
        Assert.Equal(["de", "fr", "us"], comparison.TopicsOnlyIn.Keys.Order());
    }

    [Fact]
    public void The_first_publisher_leads_the_next_source_not_its_own_other_language_version()
    {
        var comparison = CallComparison.Of(CallOf(
            Published(Readout(1, "us", "es", []), "2025-01-01T10:30:00Z"),
            Published(Readout(2, "us", "en", []), "2025-01-01T10:00:00Z"),
            Published(Readout(3, "fr", "fr", []), "2025-01-01T13:15:00+02:00"),
            Readout(4, "de", "de", [])));

        Assert.Equal(DateTimeOffset.Parse("2025-01-01T10:00:00Z", CultureInfo.InvariantCulture), comparison.Sources.Single(s => s.Slug == "us").FirstPublishedAt);
        Assert.Null(comparison.Sources.Single(s => s.Slug == "de").FirstPublishedAt);
        Assert.NotNull(comparison.PublishedFirst);
        Assert.Equal("us", comparison.PublishedFirst.Source);
        Assert.Equal("fr", comparison.PublishedFirst.AheadOf);
        Assert.Equal(4500, comparison.PublishedFirst.AheadBySeconds);
        Assert.Equal("PT1H15M", comparison.PublishedFirst.AheadBy);
    }

    [Fact]
    public void Two_readouts_of_one_source_with_times_do_not_make_a_first_publisher()
    {
        var comparison = CallComparison.Of(CallOf(
            Published(Readout(1, "us", "en", []), "2025-01-01T10:00:00Z"),
            Published(Readout(2, "us", "es", []), "2025-01-01T11:00:00Z"),
            Readout(3, "fr", "fr", [])));

        Assert.Null(comparison.PublishedFirst);
    }

    [Fact]
    public void A_source_is_listed_once_with_all_its_readouts_languages_and_topics()
    {
        var comparison = CallComparison.Of(CallOf(
            Readout(1, "us", "en", [Trade]),
            Readout(2, "us", "es", [Security, Trade]),
            Readout(3, "fr", "fr", [Climate])));

        var us = comparison.Sources.Single(s => s.Slug == "us");
        Assert.Equal([1L, 2L], us.ReadoutIds.Order());
        Assert.Equal([Security, Trade], us.Topics);
        Assert.Equal(2, comparison.Sources.Count);
        Assert.Empty(comparison.SharedTopics);
    }

    [Fact]
    public void Statements_of_one_speaker_keep_each_sources_own_order()
    {
        var a = new SpeakerRef("a-leader", "A Leader");
        var comparison = CallComparison.Of(CallOf(
            Readout(1, "us", "en", [], new StatementResponse(a, "first"), new StatementResponse(null, "together"), new StatementResponse(a, "second")),
            Readout(2, "fr", "fr", [], new StatementResponse(a, "premier"))));

        var byA = Assert.Single(comparison.StatementsBySpeaker, s => s.Speaker == a);
        Assert.Equal(["first", "second"], byA.BySource["us"]);
        Assert.Equal(["premier"], byA.BySource["fr"]);
        Assert.DoesNotContain(comparison.StatementsBySpeaker, s => s.Speaker?.Slug == "b-leader");
    }

    [Fact]
    public void Shared_subjects_are_those_every_side_has_and_one_side_alone_shares_nothing()
    {
        Assert.Equal([2], CallComparison.Shared<int>([new HashSet<int> { 1, 2 }, new HashSet<int> { 2, 3 }, new HashSet<int> { 2 }]));
        Assert.Empty(CallComparison.Shared<int>([new HashSet<int> { 1, 2 }, new HashSet<int> { 3 }]));
        Assert.Empty(CallComparison.Shared<int>([new HashSet<int> { 1, 2 }]));
    }
}
