using System.Text;
using Readouts.Api.Export;

namespace Readouts.Api.Tests.Export;

/// <summary>The rules of a CSV cell: RFC 4180 quoting, and no formula a spreadsheet would run.</summary>
public sealed class CsvCellsRulesTests
{
    private static string Cell(params string[] items)
    {
        var line = new StringBuilder();
        CsvCells.AppendList(line, items);
        return line.ToString();
    }

    [Theory]
    [InlineData("Energy", "Energy")]
    [InlineData("Trade, energy", "\"Trade, energy\"")]
    [InlineData("The \"grain deal\"", "\"The \"\"grain deal\"\"\"")]
    [InlineData("Gas\nhub", "\"Gas\nhub\"")]
    [InlineData("Украина", "Украина")]
    public void A_cell_is_quoted_only_when_it_holds_a_comma_a_quote_or_a_line_break(string item, string expected) =>
        Assert.Equal(expected, Cell(item));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    public void A_cell_that_starts_like_a_formula_gets_an_apostrophe(string item, string expected) =>
        Assert.Equal(expected, Cell(item));

    [Fact]
    public void Items_share_a_cell_joined_by_semicolons_and_the_cell_is_quoted_for_any_of_them() =>
        Assert.Equal("\"Energy; Trade, energy\"", Cell("Energy", "Trade, energy"));

    [Fact]
    public void No_items_make_an_empty_cell() => Assert.Equal("", Cell());
}
