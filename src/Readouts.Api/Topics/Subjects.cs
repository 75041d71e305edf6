using Npgsql;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Topics;

/// <summary>
/// The current <see cref="SubjectIndex"/>, built from the database on first use and again after
/// every change to the registry: this instance's own (<see cref="Invalidate"/> once they commit)
/// and every other instance's (<see cref="RegistryListener"/> hears them). A post that still used
/// a topic merged away a moment before fails on its foreign key, and is written again with a new
/// index (<see cref="ReadoutService"/>). Built on a connection of its own: a post asks for the
/// index inside its transaction, and may hold the pool's last connection.
/// </summary>
public sealed class Subjects(IConfiguration configuration, Lexicon lexicon, ILogger<Subjects> logger)
{
    private readonly Lock gate = new();
    private Task<SubjectIndex>? current;

    public Task<SubjectIndex> GetAsync(CancellationToken ct)
    {
        var task = Volatile.Read(ref current);
        if (task is null || task.IsFaulted || task.IsCanceled)
        {
            lock (gate)
            {
                task = current;
                if (task is null || task.IsFaulted || task.IsCanceled)
                {
                    current = task = LoadAsync();
                }
            }
        }

        return task.WaitAsync(ct);
    }

    /// <summary>The registry changed: the next use builds the index again.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            current = null;
        }
    }

    private sealed record Name(int TopicId, string Text, string Key, string[] Languages, bool Cased);

    private async Task<SubjectIndex> LoadAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var connection = OwnConnections.Open(configuration, "subject index");
        await connection.OpenAsync();
        var topics = new Dictionary<int, TopicInfo>();
        var names = new List<Name>();
        var bySlug = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SELECT id, slug, name, kind, country FROM topics"),
                new("SELECT topic_id, text, key, languages, cased FROM topic_names"),
                new("SELECT slug, topic_id FROM topic_redirects"),
            },
        })
        {
            await using var reader = await batch.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                topics[reader.GetInt32(0)] = new TopicInfo(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), await reader.IsDBNullAsync(4) ? null : reader.GetString(4).Trim());
            }

            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                names.Add(new Name(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetBoolean(4)));
            }

            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                bySlug[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var searched = names
            .Where(n => n.Languages.Length > 0)
            .Select(n => (Name: n, Written: Words.Split(n.Text).Select(w => n.Text.Substring(w.Start, w.Length)).ToArray()))
            .Where(n => n.Written.Length > 0)
            .Select(n => (n.Name, n.Written, Lowered: n.Written.Select(w => Words.Lower(w)).ToArray()))
            .ToList();
        await lexicon.LearnAsync(
            connection,
            searched.SelectMany(n => n.Name.Languages.SelectMany(l => n.Lowered.Select(w => (SearchLanguages.ConfigurationFor(l), w)))),
            CancellationToken.None);

        var languages = searched
            .SelectMany(n => n.Name.Languages.Select(language => (Language: language, n.Name, n.Written, n.Lowered)))
            .GroupBy(n => n.Language)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var config = SearchLanguages.ConfigurationFor(g.Key);
                    return new LanguageAliases(g.Key, g.Select(n => new AliasForm(
                        n.Name.TopicId, n.Name.Text, n.Written, n.Lowered, n.Lowered.Select(w => lexicon.Of(config, w) ?? "").ToArray(), n.Name.Cased)));
                },
                StringComparer.Ordinal);

        foreach (var topic in topics.Values)
        {
            bySlug[topic.Slug] = topic.Id;
        }

        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            byKey[name.Key] = name.TopicId;
        }

        var index = new SubjectIndex(topics, byKey, bySlug, languages);
        logger.LogInformation("Subject index built: {Topics} topics, {Names} names, {Languages} languages searched, in {Elapsed} ms",
            topics.Count, names.Count, languages.Count, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return index;
    }
}
