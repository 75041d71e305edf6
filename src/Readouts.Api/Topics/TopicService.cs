using Microsoft.EntityFrameworkCore;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Topics;

/// <summary>A topic as resources show it.</summary>
public sealed record TopicRef(string Slug, string Name);

public sealed class TopicService(ReadoutsDbContext db, RegistryNames registry)
{
    public async Task<Page<TopicRef>> ListAsync(int? limit, string? cursor, CancellationToken ct)
    {
        var take = limit ?? Paging.DefaultLimit;
        var topics = db.Topics.AsNoTracking();
        if (Cursor.TryDecode(cursor, out string? after))
        {
            topics = topics.Where(t => string.Compare(t.Slug, after) > 0);
        }

        var rows = await topics.OrderBy(t => t.Slug).Take(take + 1).Select(t => new TopicRef(t.Slug, t.Name)).ToListAsync(ct);
        return Cursor.ToPage(rows, take, t => Cursor.Encode(t.Slug));
    }

    /// <summary>
    /// The ids of these topics (slug, and the spelling to name it by if new), creating those not
    /// seen before; the first spelling used becomes a topic's name. Safe under concurrent posts:
    /// the insert skips slugs another transaction has just taken. Topics known to be stored
    /// (<see cref="RegistryNames.TopicIdsBySlug"/>) cost no query.
    /// </summary>
    public async Task<Dictionary<string, int>> EnsureAsync(IEnumerable<(string Slug, string Name)> wanted, CancellationToken ct)
    {
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        var topics = new List<(string Slug, string Name)>();
        foreach (var topic in wanted.DistinctBy(t => t.Slug))
        {
            if (registry.TopicIdsBySlug.TryGetValue(topic.Slug, out var id))
            {
                known[topic.Slug] = id;
            }
            else
            {
                topics.Add(topic);
            }
        }

        // Sorted, so that concurrent posts take the unique-index locks in the same order and cannot deadlock.
        topics.Sort((a, b) => string.CompareOrdinal(a.Slug, b.Slug));
        if (topics.Count == 0)
        {
            return known;
        }

        var slugs = topics.Select(t => t.Slug).ToArray();
        var displayNames = topics.Select(t => t.Name).ToArray();
        // One round trip: the new topics as inserted, the known ones as read.
        var rows = await db.Database.SqlQuery<TopicId>($"""
            WITH inserted AS (
                INSERT INTO topics (slug, name)
                SELECT * FROM unnest({slugs}::text[], {displayNames}::text[])
                ON CONFLICT (slug) DO NOTHING
                RETURNING id, slug)
            SELECT id, slug, true AS inserted FROM inserted
            UNION ALL
            SELECT id, slug, false FROM topics WHERE slug = ANY({slugs})
            """).ToListAsync(ct);
        // Only topics already committed are remembered: this transaction's own may yet roll back.
        foreach (var row in rows.Where(r => !r.Inserted))
        {
            registry.TopicIdsBySlug[row.Slug] = row.Id;
        }

        var ids = rows.ToDictionary(t => t.Slug, t => t.Id);

        // A topic a concurrent transaction inserted and committed while this statement waited on it
        // is in neither half (the statement's snapshot predates it); a second read sees it.
        if (ids.Count < slugs.Length)
        {
            ids = await db.Topics.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, t => t.Id, ct);
        }

        foreach (var (slug, id) in known)
        {
            ids[slug] = id;
        }

        return ids;
    }

    private sealed record TopicId(int Id, string Slug, bool Inserted);

    /// <summary>The id of the topic a filter names, or null when no readout has used it.</summary>
    public Task<int?> FindAsync(string name, CancellationToken ct)
    {
        var slug = NameKey.Slug(name);
        return db.Topics.Where(t => t.Slug == slug).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct);
    }
}
