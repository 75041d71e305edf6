using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Readouts.Benchmarks.Baseline;

// The API's response records (Readouts.Api.Calls.CallSummary, CallDetails, ReadoutResponse, …),
// repeated rather than referenced, so that the baseline carries none of the product's code.
// Property order is the JSON order, so it follows the API's declarations.

internal sealed record LeaderRef(string Slug, string Name, string Country);

internal sealed record TopicRef(string Slug, string Name, string Kind);

internal sealed record MentionedTopic(string Slug, string Name, string Kind, string[] Words);

internal sealed record SpeakerRef(string Slug, string Name);

internal sealed record StatementResponse(SpeakerRef? Speaker, string Text);

internal sealed record CallSummary(long Id, DateOnly Date, LeaderRef[] Leaders, TopicRef[] Topics, string[] Sources);

internal sealed record CallPage(List<CallSummary> Items, string? NextCursor);

internal sealed record ReadoutResponse(
    long Id,
    long CallId,
    int Version,
    DateTimeOffset UpdatedAt,
    string Source,
    string Language,
    DateOnly CallDate,
    DateTimeOffset? PublishedAt,
    string Title,
    string Url,
    string Body,
    List<LeaderRef> Leaders,
    List<TopicRef> Topics,
    List<MentionedTopic> MentionedTopics,
    List<StatementResponse> Statements,
    DateTimeOffset CreatedAt);

internal sealed record CallDetails(long Id, DateOnly Date, List<LeaderRef> Leaders, List<TopicRef> Topics, List<ReadoutResponse> Readouts);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CallPage))]
[JsonSerializable(typeof(CallDetails))]
internal sealed partial class BaselineJson : JsonSerializerContext
{
    /// <summary>The API's ApiJson.Options: web defaults, and non-ASCII text as itself.</summary>
    public static BaselineJson Api { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

/// <summary>The API's keyset cursor for calls: base64url of "yyyy-MM-dd|id".</summary>
internal static class CallCursor
{
    public static string Encode(DateOnly date, long id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{date:yyyy-MM-dd}|{id}")));

    public static bool TryDecode(string cursor, out DateOnly date, out long id)
    {
        date = default;
        id = default;
        if (cursor.Length is 0 or > 512)
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.Split('|');
        return !text.Any(char.IsControl)
            && parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
