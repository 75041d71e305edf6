using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Topics;

/// <summary>
/// The stems (lexemes) PostgreSQL's text search configurations give words, remembered: a word's
/// stem never changes, and the words that could name a subject recur from readout to readout, so
/// most posts need no stemming beyond the search vector's. The 'simple' configuration only lowers
/// a word, which needs no query.
/// </summary>
public sealed class Lexicon
{
    /// <summary>Beyond this many words remembered, the memory starts afresh (a few MB).</summary>
    private const int Capacity = 200_000;

    private readonly ConcurrentDictionary<(string Config, string Word), string> known = new();

    /// <summary>A lowered word's lexeme ("" for a stop word), or null when it has not been stemmed.</summary>
    public string? Of(string config, string word) =>
        config == SearchLanguages.Simple ? word : known.TryGetValue((config, word), out var lexeme) ? lexeme : null;

    /// <summary>Of these words, the ones that must be stemmed by a query.</summary>
    public List<(string Config, string Word)> Missing(IEnumerable<(string Config, string Word)> words) =>
        words.Where(w => w.Config != SearchLanguages.Simple && !known.ContainsKey(w)).Distinct().ToList();

    /// <summary>The statement that stems these words; its rows are read by <see cref="ReadAsync"/>.</summary>
    public static NpgsqlBatchCommand Command(IReadOnlyList<(string Config, string Word)> words) => new("""
        SELECT coalesce((SELECT string_agg(lexeme, ' ' ORDER BY positions[1]) FROM unnest(to_tsvector(t.config::regconfig, t.word))), '')
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(config, word, n)
        ORDER BY t.n
        """)
    {
        Parameters = { new() { Value = words.Select(w => w.Config).ToArray() }, new() { Value = words.Select(w => w.Word).ToArray() } },
    };

    /// <summary>Remembers the stems <see cref="Command"/> gave, one row per word, in order.</summary>
    public async Task ReadAsync(DbDataReader reader, IReadOnlyList<(string Config, string Word)> words, CancellationToken ct)
    {
        if (known.Count + words.Count > Capacity)
        {
            known.Clear();
        }

        for (var i = 0; await reader.ReadAsync(ct); i++)
        {
            known[words[i]] = reader.GetString(0);
        }
    }

    /// <summary>Stems the words not known yet, in a round trip of its own on the context's connection (and transaction).</summary>
    public async Task LearnAsync(ReadoutsDbContext db, IEnumerable<(string Config, string Word)> words, CancellationToken ct)
    {
        var missing = Missing(words);
        if (missing.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = db.NewBatch();
            await LearnAsync(batch, missing, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Stems the words not known yet, on a connection of the caller's.</summary>
    public async Task LearnAsync(NpgsqlConnection connection, IEnumerable<(string Config, string Word)> words, CancellationToken ct)
    {
        var missing = Missing(words);
        if (missing.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection);
            await LearnAsync(batch, missing, ct);
        }
    }

    private async Task LearnAsync(NpgsqlBatch batch, List<(string Config, string Word)> missing, CancellationToken ct)
    {
        batch.BatchCommands.Add(Command(missing));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await ReadAsync(reader, missing, ct);
    }
}
