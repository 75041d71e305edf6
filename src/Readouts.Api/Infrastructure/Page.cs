using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Readouts.Api.Infrastructure;

/// <summary>The shape of every list: a page of items and the cursor of the next page, if any.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset cursors: the sort key of the last item of a page, opaque to clients. Keyset (not offset)
/// paging costs the same at page 1 and page 10,000 and does not skip or repeat rows under inserts.
/// </summary>
public static class Cursor
{
    public static string Encode(DateOnly date, long id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{date:yyyy-MM-dd}|{id}")));

    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    public static bool TryDecode(string? cursor, out DateOnly date, out long id)
    {
        date = default;
        id = default;
        if (!TryDecode(cursor, out var text))
        {
            return false;
        }

        var parts = text.Split('|');
        return parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    public static bool TryDecode(string? cursor, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 512)
        {
            return false;
        }

        try
        {
            key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));

            // A slug never holds control characters, and PostgreSQL text cannot hold NUL.
            return key.Length > 0 && !key.Any(char.IsControl);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Takes one page from a query that fetched <paramref name="limit"/> + 1 rows.</summary>
    public static Page<T> ToPage<T>(List<T> rows, int limit, Func<T, string> cursorOf)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        rows.RemoveAt(limit);
        return new Page<T>(rows, cursorOf(rows[^1]));
    }
}

/// <summary>The limit and cursor every list endpoint takes.</summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}
