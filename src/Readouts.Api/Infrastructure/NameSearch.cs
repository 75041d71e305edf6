using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Readouts.Api.Infrastructure;

/// <summary>A registry entry found by a name search, and how well its best name matched.</summary>
public sealed record RankedSlug(string Slug, int Rank);

/// <summary>
/// Search over a registry's names (leaders', topics'), in any script, best match first: the
/// whole folded name, then a name it begins, then the same transliterated (Путин, putin), then
/// part of a name in either form; within each, the shorter name first (укр: Украина before
/// украинский кризис), then by slug. Paged by (rank, slug).
/// </summary>
public static class NameSearch
{
    /// <summary>
    /// One page of the owners (table <paramref name="owners"/>, with id and slug) whose names
    /// (table <paramref name="names"/>, with key and latin_key, and the owner's id in column
    /// <paramref name="owner"/>) match <paramref name="q"/>, one more than <paramref name="limit"/>
    /// when there is a next page, after <paramref name="cursor"/>.
    /// </summary>
    public static async Task<List<RankedSlug>> RankAsync(ReadoutsDbContext db, string names, string owner, string owners, string q, string? cursor, int limit, CancellationToken ct)
    {
        var key = NameKey.Fold(q);
        var latin = NameKey.Latin(q);
        var (afterRank, afterSlug) = Cursor.TryDecode(cursor, out string? after) && after.Split('|', 2) is [var r, var s]
            && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var rank) ? (rank, s) : (-1, "");
#pragma warning disable EF1002 // The interpolated names are the callers' constant table and column names; the values are parameters.
        return await db.Database.SqlQueryRaw<RankedSlug>(
            $"""
            SELECT o.slug AS "Slug", min({Rank}) AS "Rank"
            FROM {names} n JOIN {owners} o ON o.id = n.{owner}
            WHERE n.key LIKE '%' || @key || '%' OR (@latin <> '' AND n.latin_key LIKE '%' || @latin || '%')
            GROUP BY o.slug
            HAVING (min({Rank}), o.slug) > (@afterRank, @afterSlug)
            ORDER BY 2, 1
            LIMIT @take
            """,
            new NpgsqlParameter("key", key), new NpgsqlParameter("latin", latin), new NpgsqlParameter("afterRank", afterRank),
            new NpgsqlParameter("afterSlug", afterSlug), new NpgsqlParameter("take", limit + 1)).ToListAsync(ct);
#pragma warning restore EF1002
    }

    /// <summary>How well a name n matches: the kind of match, times 1,000, plus the name's length.</summary>
    private const string Rank = """
        (CASE WHEN n.key = @key THEN 0 WHEN n.key LIKE @key || '%' THEN 1
            WHEN n.latin_key = @latin THEN 2 WHEN n.latin_key LIKE @latin || '%' THEN 3 ELSE 4 END) * 1000 + least(length(n.key), 999)
        """;

    public static string CursorOf(RankedSlug found) => Cursor.Encode(FormattableString.Invariant($"{found.Rank}|{found.Slug}"));
}
