using Microsoft.EntityFrameworkCore;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Topics;

/// <summary>
/// What the registry needs after migrations, that only the API's own code can compute, so that an
/// upgraded database keeps its calls and gains the subjects (run by <see cref="SubjectRereader"/>
/// as it starts, so that an API can start while PostgreSQL is away):
/// <list type="bullet">
/// <item>names folded again where <see cref="NameKey"/>'s rules changed since they were stored;</item>
/// <item>topics stored before subjects existed (labels, with no names yet) resolved by
/// <see cref="TopicResolver"/>'s rules, every language's stems: one that names a subject is merged
/// into it (its readouts and calls relabelled, its slug leading to the subject), the others keep
/// their label as their name.</item>
/// </list>
/// Their mentions are found afterwards, in the background (<see cref="SubjectRereader"/>). Instances
/// starting together take turns: the second finds nothing left to do.
/// </summary>
public sealed class RegistryUpgrade(IServiceScopeFactory scopes, Subjects subjects, Lexicon lexicon, ILogger<RegistryUpgrade> logger)
{
    private sealed record NameRow(int Id, string Text, string Key, string LatinKey);

    private sealed record Unnamed(int Id, string Name);

    public async Task RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadoutsDbContext>();
        var topics = scope.ServiceProvider.GetRequiredService<TopicService>();
        var changed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async attemptCt =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(attemptCt);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('readouts registry upgrade', 0))", attemptCt);
            var refolded = await RefoldAsync(db, "leader_names", attemptCt) + await RefoldAsync(db, "topic_names", attemptCt);
            var unnamed = await db.Database.SqlQuery<Unnamed>($"""
                SELECT t.id, t.name FROM topics t WHERE NOT EXISTS (SELECT 1 FROM topic_names n WHERE n.topic_id = t.id) ORDER BY t.id
                """).ToListAsync(attemptCt);
            if (unnamed.Count > 0)
            {
                await NameOrMergeAsync(db, topics, unnamed, attemptCt);
            }

            await transaction.CommitAsync(attemptCt);
            if (refolded + unnamed.Count > 0)
            {
                logger.LogInformation("Registry upgraded: {Refolded} names folded again, {Topics} topics stored before subjects resolved", refolded, unnamed.Count);
            }

            return refolded + unnamed.Count > 0;
        }, ct);

        if (changed)
        {
            subjects.Invalidate();
        }
    }

    private static async Task<int> RefoldAsync(ReadoutsDbContext db, string table, CancellationToken ct)
    {
#pragma warning disable EF1002 // The table is one of this class's two constant names.
        var rows = await db.Database.SqlQueryRaw<NameRow>($"SELECT id, text, key, latin_key FROM {table}").ToListAsync(ct);
        var stale = rows.Where(r => r.Key != NameKey.Fold(r.Text) || r.LatinKey != NameKey.Latin(r.Text)).ToList();
        if (stale.Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"UPDATE {table} n SET key = u.key, latin_key = u.latin_key FROM unnest(@ids, @keys, @latins) AS u(id, key, latin_key) WHERE n.id = u.id",
                [
                    new Npgsql.NpgsqlParameter("ids", stale.Select(r => r.Id).ToArray()),
                    new Npgsql.NpgsqlParameter("keys", stale.Select(r => NameKey.Fold(r.Text)).ToArray()),
                    new Npgsql.NpgsqlParameter("latins", stale.Select(r => NameKey.Latin(r.Text)).ToArray()),
                ],
                ct);
        }
#pragma warning restore EF1002

        return stale.Count;
    }

    private async Task NameOrMergeAsync(ReadoutsDbContext db, TopicService topics, List<Unnamed> unnamed, CancellationToken ct)
    {
        var index = await subjects.GetAsync(ct);
        await lexicon.LearnAsync(db, unnamed.SelectMany(t => TopicResolver.WordsToStem(index, t.Name, null)), ct);
        var merges = new Dictionary<int, List<int>>();
        var named = new List<Unnamed>();
        foreach (var topic in unnamed)
        {
            var subject = TopicResolver.ByName(index, topic.Name) ?? TopicResolver.ByStems(index, topic.Name, null, lexicon.Of);
            if (subject is { } target && target != topic.Id)
            {
                (merges.TryGetValue(target, out var sources) ? sources : merges[target] = []).Add(topic.Id);
            }
            else
            {
                named.Add(topic);
            }
        }

        foreach (var (target, sources) in merges)
        {
            await topics.MergeIntoAsync(target, [.. sources], ct);
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO topic_names (topic_id, text, key, latin_key, languages, cased)
            SELECT *, ARRAY[]::text[], false FROM unnest({named.Select(t => t.Id).ToArray()}::integer[], {named.Select(t => t.Name).ToArray()}::text[],
                {named.Select(t => NameKey.Fold(t.Name)).ToArray()}::text[], {named.Select(t => NameKey.Latin(t.Name)).ToArray()}::text[])
            ON CONFLICT DO NOTHING
            """, ct);
    }
}
