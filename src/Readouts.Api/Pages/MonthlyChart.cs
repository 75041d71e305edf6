using System.Globalization;
using Readouts.Api.Calls;

namespace Readouts.Api.Pages;

/// <summary>One month's bar, in the chart's own units (its viewBox).</summary>
public sealed record ChartBar(DateOnly Month, int Calls, double X, double Y, double Width, double Height);

/// <summary>A label under the bars: the year, at its first month shown.</summary>
public sealed record ChartTick(string Label, double X);

/// <summary>
/// Calls per month as bars, drawn on the server as SVG: every month from the first call to the
/// last, those without calls included (a gap is news too), each as wide as the others, heights
/// in proportion to the busiest month's.
/// </summary>
public sealed record MonthlyChart(IReadOnlyList<ChartBar> Bars, IReadOnlyList<ChartTick> Years, int Max)
{
    public const double Width = 720;
    public const double Height = 160;

    /// <summary>No bar wider than this: a leader with two months of calls gets two bars, not two walls.</summary>
    public const double MaxBarWidth = 24;

    public static MonthlyChart Of(IReadOnlyList<MonthCount> months)
    {
        if (months.Count == 0)
        {
            return new MonthlyChart([], [], 0);
        }

        var counts = months.ToDictionary(m => m.Month, m => m.Calls);
        var first = months.Min(m => m.Month);
        var last = months.Max(m => m.Month);
        var all = new List<DateOnly>();
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            all.Add(month);
        }

        var max = counts.Values.Max();
        var width = Math.Min(Width / all.Count, MaxBarWidth);
        var bars = all.Select((month, i) =>
        {
            var calls = counts.GetValueOrDefault(month);
            var height = max == 0 ? 0 : Height * calls / max;
            return new ChartBar(month, calls, i * width, Height - height, width, height);
        }).ToList();
        var years = bars.Where((b, i) => i == 0 || b.Month.Month == 1)
            .Select(b => new ChartTick(b.Month.Year.ToString(CultureInfo.InvariantCulture), b.X)).ToList();
        return new MonthlyChart(bars, years, max);
    }
}
