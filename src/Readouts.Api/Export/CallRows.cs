using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Npgsql;
using Readouts.Api.Calls;

namespace Readouts.Api.Export;

/// <summary>
/// A call as one CSV row: id, date, its leaders' names, its sources' slugs, and the subjects every
/// source has by the comparison's rule (<see cref="CallComparison.Shared"/>: each source of the
/// call is a side, however few subjects it has). Names in a cell are in name order, ordinally,
/// as in every list.
/// </summary>
public sealed class CallRows(ExportRegistry registry) : IExportRows
{
    public const string Csv = "text/csv; charset=utf-8";

    private static readonly string[] Columns = ["id", "date", "leaders", "sources", "shared_topics"];

    private readonly StringBuilder line = new();
    private readonly Encoder utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly Dictionary<int, HashSet<int>> sides = [];
    private readonly List<IReadOnlySet<int>> ordered = [];
    private readonly List<string> names = [];

    public string ContentType => Csv;

    public void WriteHeader(PipeWriter output)
    {
        // A byte order mark, so that Excel reads the names as UTF-8 rather than in the machine's code page.
        output.Write("\uFEFF"u8);
        CsvCells.AppendRow(line, Columns);
        Flush(output);
    }

    public long Write(NpgsqlDataReader row, PipeWriter output)
    {
        line.Append(row.GetInt64(0).ToString(CultureInfo.InvariantCulture)).Append(',');
        line.Append(row.GetFieldValue<DateOnly>(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');

        names.Clear();
        names.AddRange(row.GetFieldValue<int[]>(2).Select(id => registry.Leaders[id].Name));
        AppendNames();
        line.Append(',');

        var sources = row.GetFieldValue<int[]>(3);
        names.Clear();
        names.AddRange(sources.Select(id => registry.Sources[id]));
        AppendNames();
        line.Append(',');

        names.Clear();
        if (!row.IsDBNull(4))
        {
            names.AddRange(Shared(sources, row.GetFieldValue<int[]>(4), row.GetFieldValue<int[]>(5)).Select(id => registry.Topics[id]));
        }

        AppendNames();
        line.Append(CsvCells.LineEnd);
        return Flush(output);
    }

    private void AppendNames()
    {
        names.Sort(StringComparer.Ordinal);
        CsvCells.AppendList(line, names);
    }

    /// <summary>The subjects every source of the call has, from its live readouts' (source, topic) pairs.</summary>
    private IEnumerable<int> Shared(int[] sources, int[] pairSources, int[] pairTopics)
    {
        // The sets are kept from call to call, emptied: a million calls make no garbage of them.
        ordered.Clear();
        foreach (var source in sources)
        {
            if (!sides.TryGetValue(source, out var subjects))
            {
                sides[source] = subjects = [];
            }

            subjects.Clear();
            ordered.Add(subjects);
        }

        for (var i = 0; i < pairSources.Length; i++)
        {
            if (sides.TryGetValue(pairSources[i], out var subjects))
            {
                subjects.Add(pairTopics[i]);
            }
        }

        return CallComparison.Shared(ordered);
    }

    private long Flush(PipeWriter output)
    {
        var bytes = 0L;
        foreach (var chunk in line.GetChunks())
        {
            // One encoder across chunks: a chunk may end between the two halves of a surrogate pair.
            utf8.Convert(chunk.Span, output, flush: false, out var used, out _);
            bytes += used;
        }

        utf8.Convert([], output, flush: true, out var rest, out _);
        line.Clear();
        return bytes + rest;
    }
}

/// <summary>
/// RFC 4180 cells, and what keeps a spreadsheet from running them: a text cell that starts with
/// =, +, -, @, a tab or a carriage return is one a spreadsheet may take for a formula (OWASP's
/// "CSV injection"), so it gets a leading apostrophe, which spreadsheets show as text and do not
/// display. Topic names come from posted labels, so any text can reach a cell.
/// </summary>
public static class CsvCells
{
    public const string LineEnd = "\r\n";

    /// <summary>Items in one cell.</summary>
    public const string Separator = "; ";

    public static void AppendRow(StringBuilder line, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            AppendList(line, [cells[i]]);
        }

        line.Append(LineEnd);
    }

    /// <summary>
    /// The items as one text cell, joined by <see cref="Separator"/>: quoted when it holds a
    /// comma, a quote or a line break (quotes doubled), guarded when it starts like a formula.
    /// </summary>
    public static void AppendList(StringBuilder line, IReadOnlyList<string> items)
    {
        var quoted = false;
        foreach (var item in items)
        {
            quoted |= item.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        }

        if (quoted)
        {
            line.Append('"');
        }

        if (items.Count > 0 && items[0].Length > 0 && items[0][0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            line.Append('\'');
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                line.Append(Separator);
            }

            if (quoted)
            {
                line.Append(items[i].Replace("\"", "\"\"", StringComparison.Ordinal));
            }
            else
            {
                line.Append(items[i]);
            }
        }

        if (quoted)
        {
            line.Append('"');
        }
    }
}
