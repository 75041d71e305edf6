using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using Npgsql;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Export;

/// <summary>
/// A readout as one line of JSON, in the shape of POST /api/readouts (<see cref="ReadoutRequest"/>)
/// with its id, callId and version first: each line posts back as it is (the batch ignores the
/// three). The source, the leaders and the speakers by slug, which resolve to the same leaders in
/// any database with the same registry; the topics are the labels the source gave, as written.
/// Written straight from the row with one <see cref="Utf8JsonWriter"/>, text as itself as the API
/// writes it (<see cref="ApiJson"/>).
/// </summary>
public sealed class ReadoutLines(ExportRegistry registry) : IExportRows, IDisposable
{
    public const string NdJson = ReadoutBatch.NdJson;

    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText CallId = JsonEncodedText.Encode("callId");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText Language = JsonEncodedText.Encode("language");
    private static readonly JsonEncodedText CallDate = JsonEncodedText.Encode("callDate");
    private static readonly JsonEncodedText PublishedAt = JsonEncodedText.Encode("publishedAt");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText Leaders = JsonEncodedText.Encode("leaders");
    private static readonly JsonEncodedText Topics = JsonEncodedText.Encode("topics");
    private static readonly JsonEncodedText Statements = JsonEncodedText.Encode("statements");
    private static readonly JsonEncodedText Speaker = JsonEncodedText.Encode("speaker");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText Body = JsonEncodedText.Encode("body");

    private readonly Comparison<int> byName = (a, b) => string.CompareOrdinal(registry.Leaders[a].Name, registry.Leaders[b].Name);

    private Utf8JsonWriter? json;

    public string ContentType => NdJson;

    public void WriteHeader(PipeWriter output) => json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = ApiJson.Options.Encoder });

    public void Dispose() => json?.Dispose();

    public long Write(NpgsqlDataReader row, PipeWriter output)
    {
        var writer = json!;
        writer.WriteStartObject();
        writer.WriteNumber(Id, row.GetInt64(0));
        writer.WriteNumber(CallId, row.GetInt64(1));
        writer.WriteNumber(Version, row.GetInt32(2));
        writer.WriteString(Source, registry.Sources[row.GetInt32(3)]);
        writer.WriteString(Language, row.GetString(4));
        Span<byte> date = stackalloc byte[10];
        row.GetFieldValue<DateOnly>(5).TryFormat(date, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteString(CallDate, date[..length]);
        if (row.IsDBNull(6))
        {
            writer.WriteNull(PublishedAt);
        }
        else
        {
            writer.WriteString(PublishedAt, row.GetFieldValue<DateTimeOffset>(6));
        }

        writer.WriteString(Title, row.GetString(7));
        writer.WriteString(Url, row.GetString(8));

        // As every list gives them: by name, ordinally.
        var leaders = row.GetFieldValue<int[]>(10);
        Array.Sort(leaders, byName);
        writer.WriteStartArray(Leaders);
        foreach (var leader in leaders)
        {
            writer.WriteStringValue(registry.Leaders[leader].Slug);
        }

        writer.WriteEndArray();
        writer.WriteStartArray(Topics);
        foreach (var label in row.GetFieldValue<string[]>(11))
        {
            writer.WriteStringValue(label);
        }

        writer.WriteEndArray();
        writer.WriteStartArray(Statements);
        if (!row.IsDBNull(12))
        {
            var speakers = row.GetFieldValue<int?[]>(12);
            var texts = row.GetFieldValue<string[]>(13);
            for (var i = 0; i < speakers.Length; i++)
            {
                writer.WriteStartObject();
                if (speakers[i] is { } speaker)
                {
                    writer.WriteString(Speaker, registry.Leaders[speaker].Slug);
                }
                else
                {
                    // A joint statement, as POST /api/readouts takes it.
                    writer.WriteNull(Speaker);
                }

                writer.WriteString(Text, texts[i]);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteString(Body, row.GetString(9));
        writer.WriteEndObject();
        writer.Flush();
        var bytes = writer.BytesCommitted + 1;
        output.Write("\n"u8);
        // A line is a value of its own: the writer starts afresh for the next one.
        writer.Reset();
        return bytes;
    }
}
