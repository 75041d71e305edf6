using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Readouts.Api.Leaders;
using Readouts.Api.Topics;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// The names behind the leader, topic and source ids of listed calls. Kept for the life of the
/// process: once created, these rows are never changed (no endpoint does), so a name read once
/// stays right, on every instance. A topic may be deleted, by a merge, but its readouts and calls
/// are relabelled in the same transaction: its id is never shown again. An id not seen before is
/// read on first use.
/// Lists then cost one query for the page instead of one more per registry, and a filter by a
/// leader's slug none for the slug. Posts find their sources and leaders here too.
/// </summary>
public sealed class RegistryNames
{
    private readonly ConcurrentDictionary<int, LeaderRef> leaders = new();
    private readonly ConcurrentDictionary<int, TopicRef> topics = new();
    private readonly ConcurrentDictionary<int, string> sources = new();
    private readonly ConcurrentDictionary<string, ResolvedLeader> leadersBySlug = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> sourcesBySlug = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResolvedLeader> leadersByNameKey = new(StringComparer.Ordinal);

    public sealed record Names(IReadOnlyDictionary<int, LeaderRef> Leaders, IReadOnlyDictionary<int, TopicRef> Topics, IReadOnlyDictionary<int, string> Sources);

    public async Task<Names> NamesAsync(ReadoutsDbContext db, IEnumerable<int> leaderIds, IEnumerable<int> topicIds, IEnumerable<int> sourceIds, CancellationToken ct)
    {
        var missingLeaders = leaderIds.Where(id => !leaders.ContainsKey(id)).Distinct().ToList();
        if (missingLeaders.Count > 0)
        {
            foreach (var l in await db.Leaders.AsNoTracking().Where(l => missingLeaders.Contains(l.Id)).Select(l => new { l.Id, l.Slug, l.Name, l.Country }).ToListAsync(ct))
            {
                leaders[l.Id] = new LeaderRef(l.Slug, l.Name, l.Country);
            }
        }

        var missingTopics = topicIds.Where(id => !topics.ContainsKey(id)).Distinct().ToList();
        if (missingTopics.Count > 0)
        {
            foreach (var t in await db.Topics.AsNoTracking().Where(t => missingTopics.Contains(t.Id)).Select(t => new { t.Id, t.Slug, t.Name, t.Kind }).ToListAsync(ct))
            {
                topics[t.Id] = new TopicRef(t.Slug, t.Name, t.Kind);
            }
        }

        var missingSources = sourceIds.Where(id => !sources.ContainsKey(id)).Distinct().ToList();
        if (missingSources.Count > 0)
        {
            foreach (var s in await db.Sources.AsNoTracking().Where(s => missingSources.Contains(s.Id)).Select(s => new { s.Id, s.Slug }).ToListAsync(ct))
            {
                sources[s.Id] = s.Slug;
            }
        }

        return new Names(leaders, topics, sources);
    }

    /// <summary>
    /// The leaders with these slugs, of those that exist. Only found slugs are kept: a leader
    /// created later, here or on another instance, is read on its first use.
    /// </summary>
    public Task<Dictionary<string, ResolvedLeader>> LeadersBySlugAsync(ReadoutsDbContext db, IReadOnlyCollection<string> slugs, CancellationToken ct) =>
        FoundAsync(leadersBySlug, slugs, async missing => (await db.Leaders.AsNoTracking()
            .Where(l => missing.Contains(l.Slug))
            .Select(l => new ResolvedLeader(l.Id, l.Slug, l.Name, l.Country))
            .ToListAsync(ct)).Select(l => (l.Slug, l)));

    /// <summary>The ids of the sources with these slugs, of those that exist; kept as leaders' slugs are.</summary>
    public Task<Dictionary<string, int>> SourceIdsBySlugAsync(ReadoutsDbContext db, IReadOnlyCollection<string> slugs, CancellationToken ct) =>
        FoundAsync(sourcesBySlug, slugs, async missing => (await db.Sources.AsNoTracking()
            .Where(s => missing.Contains(s.Slug))
            .Select(s => new { s.Slug, s.Id })
            .ToListAsync(ct)).Select(s => (s.Slug, s.Id)));

    /// <summary>A leader already read by <see cref="LeadersBySlugAsync"/>.</summary>
    public bool TryGetLeaderBySlug(string slug, [NotNullWhen(true)] out ResolvedLeader? leader) => leadersBySlug.TryGetValue(slug, out leader);

    /// <summary>
    /// The leader whose name folds to <paramref name="key"/> (<see cref="NameKey.Fold"/>), once
    /// <see cref="RememberNameKey"/> has been told. Names are unique by their key and only ever
    /// added, so a key that named a leader always will.
    /// </summary>
    public bool TryGetLeaderByNameKey(string key, [NotNullWhen(true)] out ResolvedLeader? leader) => leadersByNameKey.TryGetValue(key, out leader);

    public void RememberNameKey(string key, ResolvedLeader leader) => leadersByNameKey[key] = leader;

    private static async Task<Dictionary<string, T>> FoundAsync<T>(
        ConcurrentDictionary<string, T> cache, IReadOnlyCollection<string> keys, Func<List<string>, Task<IEnumerable<(string Key, T Value)>>> load)
    {
        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var key in keys)
        {
            if (cache.TryGetValue(key, out var value))
            {
                found[key] = value;
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            foreach (var (key, value) in await load(missing))
            {
                found[key] = cache[key] = value;
            }
        }

        return found;
    }
}
