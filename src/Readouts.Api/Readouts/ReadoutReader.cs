using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readouts.Api.Infrastructure;
using Readouts.Api.Topics;

namespace Readouts.Api.Readouts;

/// <summary>
/// Whole readouts as the API shows them: one readout, or every readout of a call. Hand-written:
/// three flat queries sent in one round trip (readouts, their subjects, their statements), names
/// from <see cref="RegistryNames"/>. EF's projection of the same shape joins topics and statements
/// into one row set, repeating each body once per topic and statement, and costs a call's page
/// three times as much. Leaders and topics are ordered by name, ordinally, as in every list.
/// </summary>
public sealed class ReadoutReader(ReadoutsDbContext db, RegistryNames registry)
{
    public async Task<ReadoutResponse?> ByIdAsync(long id, CancellationToken ct) =>
        (await ReadAsync("r.id = $1", id, ct)).SingleOrDefault();

    /// <summary>Several readouts at once, by id; a deleted or unknown id is missing from the answer.</summary>
    public async Task<Dictionary<long, ReadoutResponse>> ByIdsAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await ReadAsync("r.id = ANY($1)", ids.Distinct().ToArray(), ct)).ToDictionary(r => r.Id);

    /// <summary>A call's readouts, first published first (unknown publication times last).</summary>
    public Task<List<ReadoutResponse>> OfCallAsync(long callId, CancellationToken ct) =>
        ReadAsync("r.call_id = $1", callId, ct);

    private sealed record Row(long Id, long CallId, int Version, DateTimeOffset UpdatedAt, int SourceId, string Language, DateOnly CallDate,
        DateTimeOffset? PublishedAt, string Title, string Url, string Body, DateTimeOffset CreatedAt, int[] LeaderIds);

    private async Task<List<ReadoutResponse>> ReadAsync(string condition, object value, CancellationToken ct)
    {
        var rows = new List<Row>();
        var topics = new List<TopicRow>();
        var statements = new List<(long ReadoutId, int? SpeakerId, string Text)>();

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = db.NewBatch();
            batch.BatchCommands.Add(Command($"""
                SELECT r.id, r.call_id, r.version, r.updated_at, r.source_id, r.language, r.call_date, r.published_at, r.title, r.url, r.body, r.created_at, c.leader_ids
                FROM readouts r JOIN calls c ON c.id = r.call_id
                WHERE r.deleted_at IS NULL AND {condition}
                ORDER BY r.published_at IS NULL, r.published_at, r.id
                """, value));
            batch.BatchCommands.Add(Command($"""
                SELECT t.readout_id, t.topic_id, t.labels, t.mentions FROM readout_topics t JOIN readouts r ON r.id = t.readout_id
                WHERE r.deleted_at IS NULL AND {condition}
                """, value));
            batch.BatchCommands.Add(Command($"""
                SELECT s.readout_id, s.speaker_id, s.text FROM statements s JOIN readouts r ON r.id = s.readout_id
                WHERE r.deleted_at IS NULL AND {condition}
                ORDER BY s.readout_id, s.position
                """, value));

            await using var reader = await batch.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new Row(
                    reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4),
                    reader.GetString(5), reader.GetFieldValue<DateOnly>(6), await NullableAsync<DateTimeOffset>(reader, 7, ct), reader.GetString(8),
                    reader.GetString(9), reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(11), reader.GetFieldValue<int[]>(12)));
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                topics.Add(new TopicRow(reader.GetInt64(0), reader.GetInt32(1), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<string[]>(3)));
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                statements.Add((reader.GetInt64(0), await reader.IsDBNullAsync(1, ct) ? null : reader.GetInt32(1), reader.GetString(2)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return await ShapeAsync(rows, topics, statements, ct);
    }

    /// <summary>
    /// Readouts this transaction has just inserted (every column set as stored, topics and
    /// statements included), as <see cref="ByIdsAsync"/> would read them back: a post answers
    /// without another round trip while it holds the linking locks.
    /// </summary>
    public async Task<Dictionary<long, ReadoutResponse>> OfInsertedAsync(IReadOnlyCollection<(Readout Readout, IReadOnlyCollection<int> LeaderIds)> inserted, CancellationToken ct) =>
        (await ShapeAsync(
            inserted.Select(i => new Row(
                i.Readout.Id, i.Readout.CallId!.Value, i.Readout.Version, i.Readout.UpdatedAt, i.Readout.SourceId, i.Readout.Language, i.Readout.CallDate,
                i.Readout.PublishedAt is { } published ? AsStored(published) : null, i.Readout.Title, i.Readout.Url, i.Readout.Body, i.Readout.CreatedAt,
                [.. i.LeaderIds.Order()])).ToList(),
            inserted.SelectMany(i => i.Readout.Topics.Select(t => new TopicRow(i.Readout.Id, t.TopicId, t.Labels, t.Mentions))).ToList(),
            inserted.SelectMany(i => i.Readout.Statements.OrderBy(s => s.Position).Select(s => (i.Readout.Id, s.SpeakerId, s.Text))).ToList(),
            ct)).ToDictionary(r => r.Id);

    /// <summary>An instant as timestamptz keeps it: to the microsecond, the rest cut off (as Npgsql sends it).</summary>
    public static DateTimeOffset AsStored(DateTimeOffset instant) => instant.AddTicks(-(instant.UtcTicks % TimeSpan.TicksPerMicrosecond));

    /// <summary>A readout's subject: the labels that named it and the words found.</summary>
    private sealed record TopicRow(long ReadoutId, int TopicId, string[] Labels, string[] Mentions);

    private async Task<List<ReadoutResponse>> ShapeAsync(
        List<Row> rows, List<TopicRow> topics, List<(long ReadoutId, int? SpeakerId, string Text)> statements, CancellationToken ct)
    {
        var names = await registry.NamesAsync(
            db,
            rows.SelectMany(r => r.LeaderIds).Concat(statements.Where(s => s.SpeakerId is not null).Select(s => s.SpeakerId!.Value)),
            topics.Select(t => t.TopicId),
            rows.Select(r => r.SourceId),
            ct);
        var topicsOf = topics.Where(t => t.Labels.Length > 0).ToLookup(t => t.ReadoutId, t => names.Topics[t.TopicId]);
        var mentionsOf = topics.Where(t => t.Mentions.Length > 0).ToLookup(t => t.ReadoutId, t => (Topic: names.Topics[t.TopicId], t.Mentions));
        var statementsOf = statements.ToLookup(s => s.ReadoutId, s => new StatementResponse(
            s.SpeakerId is { } speaker ? new SpeakerRef(names.Leaders[speaker].Slug, names.Leaders[speaker].Name) : null, s.Text));
        return rows.Select(r => new ReadoutResponse(
            r.Id, r.CallId, r.Version, r.UpdatedAt, names.Sources[r.SourceId], r.Language, r.CallDate, r.PublishedAt, r.Title, r.Url, r.Body,
            r.LeaderIds.Select(id => names.Leaders[id]).OrderBy(l => l.Name, StringComparer.Ordinal).ToList(),
            topicsOf[r.Id].OrderBy(t => t.Name, StringComparer.Ordinal).ToList(),
            mentionsOf[r.Id].OrderBy(m => m.Topic.Name, StringComparer.Ordinal).Select(m => new MentionedTopic(m.Topic.Slug, m.Topic.Name, m.Topic.Kind, m.Mentions)).ToList(),
            statementsOf[r.Id].ToList(),
            r.CreatedAt)).ToList();
    }

    private static async Task<T?> NullableAsync<T>(DbDataReader reader, int ordinal, CancellationToken ct) where T : struct =>
        await reader.IsDBNullAsync(ordinal, ct) ? null : reader.GetFieldValue<T>(ordinal);

    private static NpgsqlBatchCommand Command(string sql, object value) => new(sql) { Parameters = { new NpgsqlParameter { Value = value } } };
}
