using Readouts.Api.Calls;
using static Readouts.Api.Calls.CallLinker;

namespace Readouts.Api.Tests.Linking;

/// <summary>The linking rules on their own, without a database: one test per rule.</summary>
public sealed class CallLinkerRulesTests
{
    private const int Kremlin = 1;
    private const int Presidency = 2;
    private static readonly DateOnly Day = new(2025, 11, 24);
    private static readonly DateTimeOffset Earlier = new(2025, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Earlier.AddHours(1);

    private static NewReadout KremlinReadout(DateOnly date, string leaders = "1-2", string language = "ru") => new(leaders, date, Kremlin, language);

    private static Candidate CallOn(long id, DateOnly date, string leaders = "1-2", DateTimeOffset? created = null, params SourceLanguage[] versions) =>
        new(id, leaders, date, created ?? Earlier, versions);

    [Fact]
    public void A_readout_joins_a_call_with_the_same_leaders_on_the_same_date() =>
        Assert.Equal(7, Choose(KremlinReadout(Day), [CallOn(7, Day, versions: new SourceLanguage(Presidency, "tr"))])?.Id);

    [Fact]
    public void A_readout_does_not_join_a_call_with_other_leaders() =>
        Assert.Null(Choose(KremlinReadout(Day, leaders: "1-2"), [CallOn(7, Day, leaders: "1-2-3")]));

    [Fact]
    public void A_readout_joins_a_call_one_day_away_because_each_source_dates_in_its_own_time_zone()
    {
        Assert.Equal(7, Choose(KremlinReadout(Day.AddDays(1)), [CallOn(7, Day)])?.Id);
        Assert.Equal(7, Choose(KremlinReadout(Day.AddDays(-1)), [CallOn(7, Day)])?.Id);
    }

    [Fact]
    public void A_readout_does_not_join_a_call_two_days_away() =>
        Assert.Null(Choose(KremlinReadout(Day.AddDays(2)), [CallOn(7, Day)]));

    [Fact]
    public void A_readout_does_not_join_a_call_that_already_has_this_source_in_this_language() =>
        Assert.Null(Choose(KremlinReadout(Day, language: "ru"), [CallOn(7, Day, versions: new SourceLanguage(Kremlin, "ru"))]));

    [Fact]
    public void A_sources_version_in_another_language_joins_the_call_of_its_first_version() =>
        Assert.Equal(7, Choose(KremlinReadout(Day, language: "en"), [CallOn(7, Day, versions: new SourceLanguage(Kremlin, "ru"))])?.Id);

    [Fact]
    public void Among_candidates_the_same_date_wins_over_a_nearer_created_one() =>
        Assert.Equal(8, Choose(KremlinReadout(Day), [CallOn(7, Day.AddDays(-1), created: Earlier), CallOn(8, Day, created: Later)])?.Id);

    [Fact]
    public void Among_candidates_a_day_away_on_either_side_the_oldest_call_wins() =>
        Assert.Equal(7, Choose(KremlinReadout(Day), [CallOn(8, Day.AddDays(1), created: Later), CallOn(7, Day.AddDays(-1), created: Earlier)])?.Id);

    [Fact]
    public void Among_candidates_on_the_same_date_the_oldest_call_wins() =>
        Assert.Equal(7, Choose(KremlinReadout(Day), [CallOn(8, Day, created: Later), CallOn(7, Day, created: Earlier)])?.Id);

    [Fact]
    public void Without_a_matching_call_the_readout_starts_a_new_one() =>
        Assert.Null(Choose(KremlinReadout(Day), []));

    [Fact]
    public void The_leader_key_ignores_order_and_repeats() =>
        Assert.Equal(Call.KeyFor([12, 3]), Call.KeyFor([3, 12, 12]));
}
