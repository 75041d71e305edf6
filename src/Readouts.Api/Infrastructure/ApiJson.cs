using System.Text.Encodings.Web;
using System.Text.Json;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// The JSON the API writes, wherever it is written: by MVC, into a stored idempotent answer or a
/// revision, or hashed into an ETag. Web defaults, and non-ASCII text as itself ("Erdoğan", not
/// "Erdo\u011Fan"), as MVC writes it.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
