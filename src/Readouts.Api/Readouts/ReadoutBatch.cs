using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Readouts;

/// <summary>
/// The body of POST /api/readouts/batch: a JSON array of readouts, or NDJSON (one per line). Each
/// item is read on its own, so an item that does not bind fails alone, as its own 400.
/// </summary>
public sealed record ReadoutBatch(IReadOnlyList<PostedReadout> Items, string Fingerprint)
{
    public const int MaxItems = 1000;

    /// <summary>A thousand readouts of a few kilobytes each, with room for long ones.</summary>
    public const long MaxBodyBytes = 16 * 1024 * 1024;

    public const string NdJson = "application/x-ndjson";

    public static async Task<ReadoutBatch> ReadAsync(HttpRequest request, JsonSerializerOptions options, CancellationToken ct)
    {
        // A batch can be megabytes: each item is read from the body's own bytes and hashed as it
        // goes, rather than copied into strings (and joined into one more) that outlive the read.
        var items = new List<PostedReadout>();
        using var fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(ReadOnlySpan<byte> item)
        {
            EnsureWithinLimit(items.Count + 1);
            fingerprint.AppendData(item);
            fingerprint.AppendData("\n"u8);
            items.Add(Read(item, options));
        }

        if (request.ContentType?.StartsWith(NdJson, StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    Add(Encoding.UTF8.GetBytes(line));
                }
            }
        }
        else
        {
            if (await FirstByteAsync(request.BodyReader, ct) != (byte)'[')
            {
                throw BadBody($"Send a JSON array of readouts (or {NdJson}, one readout per line).");
            }

            try
            {
                // Item by item off the body: the whole body is never held (a JsonDocument would hold it
                // twice over, in pooled buffers kept for the next batch).
                await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(request.BodyReader.AsStream(), options, ct))
                {
                    Add(JsonMarshal.GetRawUtf8Value(item));
                }
            }
            catch (JsonException e)
            {
                throw BadBody($"The body is not valid JSON: {e.Message}");
            }
        }

        if (items.Count == 0)
        {
            throw BadBody("The batch is empty.");
        }

        return new ReadoutBatch(items, Convert.ToHexStringLower(fingerprint.GetHashAndReset()));
    }

    private static PostedReadout Read(ReadOnlySpan<byte> utf8, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<ReadoutRequest>(utf8, options) is { } request
                ? new PostedReadout(request)
                : new PostedReadout(null, Invalid("requestBody", "Each item must be a readout object."));
        }
        catch (JsonException e)
        {
            var field = InvalidRequestResponse.FieldName(e.Path ?? "$");
            return new PostedReadout(null, Invalid(field, InvalidRequestResponse.Message(field, e.Message)));
        }
    }

    /// <summary>The body's first byte after whitespace (and a UTF-8 byte order mark), left unread; -1 when there is none.</summary>
    private static async Task<int> FirstByteAsync(PipeReader body, CancellationToken ct)
    {
        while (true)
        {
            var read = await body.ReadAsync(ct);
            foreach (var segment in read.Buffer)
            {
                foreach (var b in segment.Span)
                {
                    if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
                    {
                        body.AdvanceTo(read.Buffer.Start);
                        return b;
                    }
                }
            }

            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            if (read.IsCompleted)
            {
                return -1;
            }
        }
    }

    private static void EnsureWithinLimit(int count)
    {
        if (count > MaxItems)
        {
            throw BadBody($"A batch holds at most {MaxItems} readouts; split it.");
        }
    }

    private static ApiProblemException Invalid(string field, string message) => new(
        StatusCodes.Status400BadRequest,
        "One or more validation errors occurred.",
        errors: new Dictionary<string, string[]> { [field] = [message] });

    private static ApiProblemException BadBody(string message) => Invalid("requestBody", message);
}

/// <summary>The answer to a batch: counts, then one result per item, in the order posted.</summary>
/// <param name="Created">Items stored (201).</param>
/// <param name="Unchanged">Identical resends of stored readouts (200).</param>
/// <param name="Failed">Items refused, each with its problem.</param>
/// <param name="Items">Per item, in order.</param>
public sealed record BatchResponse(int Created, int Unchanged, int Failed, IReadOnlyList<BatchItemResult> Items)
{
    public static BatchResponse Of(IReadOnlyList<ImportedReadout> results)
    {
        var items = results.Select((r, i) => new BatchItemResult(i, r.Status, r.Id, r.CallId, r.Problem is { } p ? ItemProblem.Of(p) : null)).ToList();
        return new BatchResponse(
            items.Count(i => i.Status == StatusCodes.Status201Created),
            items.Count(i => i.Status == StatusCodes.Status200OK),
            items.Count(i => i.Problem is not null),
            items);
    }
}

/// <summary>What became of one item.</summary>
/// <param name="Index">Its position in the batch, from 0.</param>
/// <param name="Status">201 stored, 200 identical resend of a stored readout, otherwise the status of its problem.</param>
/// <param name="Id">The readout's id (201 and 200).</param>
/// <param name="CallId">The call it was linked to (201 and 200).</param>
/// <param name="Problem">Why it was refused, as the single POST would have answered.</param>
public sealed record BatchItemResult(
    int Index,
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? CallId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ItemProblem? Problem);

/// <summary>An item's problem, shaped as RFC 9457 problem details.</summary>
public sealed record ItemProblem(
    string Type,
    string Title,
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IDictionary<string, string[]>? Errors)
{
    public static ItemProblem Of(ApiProblemException e) => new(TypeOf(e.Status), e.Title, e.Status, e.Detail, e.Errors);

    /// <summary>The RFC 9110 section for the status, as ASP.NET Core's problem details give it.</summary>
    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        _ => "about:blank",
    };
}
