using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Readouts.Api.Readouts;

namespace Readouts.Api.Tests.Infrastructure;

/// <summary>A line of GET /api/export/readouts.ndjson: the POST /api/readouts shape with id, callId and version.</summary>
public sealed record ExportedReadout(
    long Id, long CallId, int Version, string Source, string Language, DateOnly CallDate, DateTimeOffset? PublishedAt,
    string Title, string Url, List<string> Leaders, List<string> Topics, List<StatementRequest> Statements, string Body);

/// <summary>Reading the exports back: NDJSON lines, RFC 4180 rows, and posting lines through the batch.</summary>
public static class Exports
{
    public static async Task<(List<ExportedReadout> Readouts, List<string> Lines, HttpResponseMessage Response)> ExportReadoutsAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/export/readouts.ndjson");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length == 0 || body.EndsWith('\n'), "The NDJSON export does not end with a line break: its last line is cut short.");
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var readouts = lines.Select((line, i) =>
        {
            try
            {
                return JsonSerializer.Deserialize<ExportedReadout>(line, JsonSerializerOptions.Web)!;
            }
            catch (JsonException e)
            {
                throw new Xunit.Sdk.XunitException($"Line {i + 1} of the export is not a readout ({e.Message}): {line}");
            }
        }).ToList();
        return (readouts, lines, response);
    }

    public static async Task<(List<string[]> Rows, HttpResponseMessage Response)> ExportCallsAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/export/calls.csv");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "The CSV export does not start with a UTF-8 byte order mark.");
        return (ParseCsv(Encoding.UTF8.GetString(bytes.AsSpan(Encoding.UTF8.Preamble.Length))), response);
    }

    /// <summary>Posts lines as NDJSON batches of at most <see cref="ReadoutBatch.MaxItems"/>; fails with the first refused item.</summary>
    public static async Task PostNdJsonBatchesAsync(this HttpClient client, IReadOnlyList<string> lines)
    {
        foreach (var (chunk, i) in lines.Chunk(ReadoutBatch.MaxItems).Select((chunk, i) => (chunk, i)))
        {
            using var content = new StringContent(string.Join('\n', chunk) + "\n", Encoding.UTF8, ReadoutBatch.NdJson);
            using var response = await client.PostAsync("/api/readouts/batch", content);
            await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var answer = (await response.Content.ReadFromJsonAsync<JsonElement>())!;
            var refused = answer.GetProperty("items").EnumerateArray().FirstOrDefault(item => item.TryGetProperty("problem", out _));
            Assert.True(
                refused.ValueKind == JsonValueKind.Undefined,
                $"Batch {i} refused an exported line: {refused} (line: {(refused.ValueKind == JsonValueKind.Undefined ? "" : chunk[refused.GetProperty("index").GetInt32()])})");
        }
    }

    /// <summary>RFC 4180: fields split by commas, records by CRLF; a quoted field may hold both, and "" for a quote.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(field.Length == 0, $"A quote inside an unquoted field at character {i}: {text[Math.Max(0, i - 40)..Math.Min(text.Length, i + 40)]}");
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                Assert.True(c is not ('\r' or '\n'), $"A bare line break outside quotes at character {i}: records end with CRLF.");
                field.Append(c);
            }
        }

        Assert.False(quoted, "The CSV ends inside a quoted field.");
        Assert.True(field.Length == 0 && row.Count == 0, "The CSV's last record does not end with CRLF.");
        return rows;
    }
}
