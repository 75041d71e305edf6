using Readouts.Api.Calls;
using Readouts.Api.Pages;

namespace Readouts.Api.Tests.Pages;

/// <summary>How a call's page marks the words that name its subjects.</summary>
public sealed class TextMarksRulesTests
{
    private static string Show(IReadOnlyList<TextPart> parts) => string.Concat(parts.Select(p => p.Topic is null ? p.Text : $"[{p.Text}|{p.Topic}]"));

    [Fact]
    public void Every_place_a_found_word_stands_is_marked_with_its_subject()
    {
        var parts = TextMarks.Mark("Ситуация вокруг Украины и переговоры по Украине.", [("Украины", "ukraine"), ("Украине", "ukraine")]);

        Assert.Equal("Ситуация вокруг [Украины|ukraine] и переговоры по [Украине|ukraine].", Show(parts));
    }

    [Fact]
    public void A_word_inside_a_longer_word_is_not_marked_in_a_spaced_script()
    {
        var parts = TextMarks.Mark("Iranian officials met in Iran.", [("Iran", "iran")]);

        Assert.Equal("Iranian officials met in [Iran|iran].", Show(parts));
    }

    [Fact]
    public void In_Chinese_a_name_is_marked_wherever_it_stands()
    {
        var parts = TextMarks.Mark("双方讨论了乌克兰局势。", [("乌克兰", "ukraine")]);

        Assert.Equal("双方讨论了[乌克兰|ukraine]局势。", Show(parts));
    }

    [Fact]
    public void Where_two_names_overlap_the_longer_is_marked()
    {
        var parts = TextMarks.Mark("Aid to the Gaza Strip and Gaza.", [("Gaza", "gaza"), ("Gaza Strip", "gaza-strip")]);

        Assert.Equal("Aid to the [Gaza Strip|gaza-strip] and [Gaza|gaza].", Show(parts));
    }

    [Fact]
    public void A_text_naming_nothing_is_one_plain_part_and_the_parts_always_give_back_the_text()
    {
        const string text = "Türkiye, Rusya-Ukrayna savaşının adil ve kalıcı bir barışla sona ermesi için gayretlerini sürdürecek.";

        Assert.Equal([new TextPart(text, null)], TextMarks.Mark(text, [("Ukraine", "ukraine")]));
        Assert.Equal(text, string.Concat(TextMarks.Mark(text, [("Rusya-Ukrayna", "x"), ("Ukrayna", "ukraine")]).Select(p => p.Text)));
    }

    [Fact]
    public void Paragraphs_are_the_lines_with_something_on_them()
    {
        Assert.Equal(["First.", "Second."], TextMarks.Paragraphs("First.\n\n  Second.  \n"));
    }
}

/// <summary>The chart of a leader's calls per month.</summary>
public sealed class MonthlyChartRulesTests
{
    [Fact]
    public void Months_without_calls_between_the_first_and_the_last_get_empty_bars()
    {
        var chart = MonthlyChart.Of([new MonthCount(new DateOnly(2025, 11, 1), 4), new MonthCount(new DateOnly(2026, 2, 1), 2)]);

        Assert.Equal([4, 0, 0, 2], chart.Bars.Select(b => b.Calls));
        Assert.Equal(
            [new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)],
            chart.Bars.Select(b => b.Month));
    }

    [Fact]
    public void The_busiest_month_is_full_height_and_the_others_in_proportion()
    {
        var chart = MonthlyChart.Of([new MonthCount(new DateOnly(2025, 1, 1), 8), new MonthCount(new DateOnly(2025, 2, 1), 2)]);

        Assert.Equal(8, chart.Max);
        Assert.Equal(MonthlyChart.Height, chart.Bars[0].Height);
        Assert.Equal(MonthlyChart.Height / 4, chart.Bars[1].Height);
        Assert.Equal(MonthlyChart.Height, chart.Bars[1].Y + chart.Bars[1].Height);
    }

    [Fact]
    public void Bars_share_the_width_but_a_few_months_do_not_fill_it()
    {
        var decade = Enumerable.Range(0, 120).Select(i => new MonthCount(new DateOnly(2015, 1, 1).AddMonths(i), 1)).ToList();
        var wide = MonthlyChart.Of(decade);
        var narrow = MonthlyChart.Of([new MonthCount(new DateOnly(2025, 1, 1), 1)]);

        Assert.Equal(MonthlyChart.Width / 120, wide.Bars[0].Width, 6);
        Assert.Equal(MonthlyChart.Width, wide.Bars[^1].X + wide.Bars[^1].Width, 6);
        Assert.Equal(MonthlyChart.MaxBarWidth, narrow.Bars[0].Width);
    }

    [Fact]
    public void Each_year_is_labelled_at_its_first_month_shown()
    {
        var chart = MonthlyChart.Of([new MonthCount(new DateOnly(2024, 10, 1), 1), new MonthCount(new DateOnly(2026, 3, 1), 1)]);

        Assert.Equal(["2024", "2025", "2026"], chart.Years.Select(y => y.Label));
        Assert.Equal(chart.Bars.Single(b => b.Month == new DateOnly(2025, 1, 1)).X, chart.Years[1].X);
    }

    [Fact]
    public void No_calls_no_bars()
    {
        Assert.Empty(MonthlyChart.Of([]).Bars);
    }
}

/// <summary>How pages write durations and languages.</summary>
public sealed class PageTextRulesTests
{
    [Theory]
    [InlineData(40, "40 s")]
    [InlineData(8100, "2 h 15 min")]
    [InlineData(3600, "1 h")]
    [InlineData(90000, "1 day 1 h")]
    [InlineData(277200, "3 days 5 h")]
    public void A_lead_reads_as_people_say_it(long seconds, string expected)
    {
        Assert.Equal(expected, PageText.Duration(seconds));
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("fa", "rtl")]
    [InlineData("he", "rtl")]
    [InlineData("ur", "rtl")]
    [InlineData("ru", "ltr")]
    [InlineData("zh-Hans", "ltr")]
    [InlineData("tr", "ltr")]
    public void Right_to_left_languages_are_told_apart_by_the_culture_data(string language, string direction)
    {
        Assert.Equal(direction, PageText.Direction(language));
    }

    [Fact]
    public void A_language_is_named_in_English()
    {
        Assert.Equal("Turkish", PageText.LanguageName("tr"));
        Assert.Equal("Russian", PageText.LanguageName("ru"));
    }
}
