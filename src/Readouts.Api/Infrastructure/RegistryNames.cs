using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Readouts.Api.Leaders;
using Readouts.Api.Topics;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// The names behind the leader, topic and source ids of listed calls. Kept for the life of the
/// process: once created, these rows are never changed or deleted (no endpoint does either), so a
/// name read once stays right, on every instance. An id not seen before is read on first use.
/// Lists then cost one query for the page instead of one more per registry, and a filter by a
/// leader's slug none for the slug.
/// </summary>
public sealed class RegistryNames
{
    private readonly ConcurrentDictionary<int, LeaderRef> leaders = new();
    private readonly ConcurrentDictionary<int, TopicRef> topics = new();
    private readonly ConcurrentDictionary<int, string> sources = new();
    private readonly ConcurrentDictionary<string, ResolvedLeader> leadersBySlug = new(StringComparer.Ordinal);

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
            foreach (var t in await db.Topics.AsNoTracking().Where(t => missingTopics.Contains(t.Id)).Select(t => new { t.Id, t.Slug, t.Name }).ToListAsync(ct))
            {
                topics[t.Id] = new TopicRef(t.Slug, t.Name);
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
    public async Task<Dictionary<string, ResolvedLeader>> LeadersBySlugAsync(ReadoutsDbContext db, IReadOnlyCollection<string> slugs, CancellationToken ct)
    {
        var found = new Dictionary<string, ResolvedLeader>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var slug in slugs)
        {
            if (leadersBySlug.TryGetValue(slug, out var leader))
            {
                found[slug] = leader;
            }
            else
            {
                missing.Add(slug);
            }
        }

        if (missing.Count > 0)
        {
            foreach (var leader in await db.Leaders.AsNoTracking()
                .Where(l => missing.Contains(l.Slug))
                .Select(l => new ResolvedLeader(l.Id, l.Slug, l.Name, l.Country))
                .ToListAsync(ct))
            {
                found[leader.Slug] = leadersBySlug[leader.Slug] = leader;
            }
        }

        return found;
    }
}
