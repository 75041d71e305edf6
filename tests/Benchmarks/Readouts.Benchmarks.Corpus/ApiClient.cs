using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Readouts.Benchmarks.Corpus;

public sealed record PageDto<T>(List<T> Items, string? NextCursor);

public sealed record LeaderDto(string Slug, string Name, string Country, List<string>? Aliases);

public sealed record SourceDto(string Slug, string Name, string Country, string Url);


public sealed record CallDto(long Id);

public sealed record BatchAnswer(int Created, int Unchanged, int Failed, List<BatchItemDto> Items);

public sealed record BatchItemDto(int Index, int Status, long? Id, long? CallId, JsonElement? Problem);

/// <summary>The few API calls the corpus tool makes.</summary>
internal sealed class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>For files people read: indented, non-ASCII letters as they are.</summary>
    public static readonly JsonSerializerOptions Readable = new(Json)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly HttpClient _http;

    public ApiClient(string baseUrl, string? key)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        if (key is not null)
        {
            _http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
    }

    public void Dispose() => _http.Dispose();

    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        await EnsureSuccessAsync(response, path);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>Every item of a list endpoint, following nextCursor.</summary>
    public async Task<List<T>> ListAllAsync<T>(string path)
    {
        var items = new List<T>();
        string? cursor = null;
        do
        {
            var page = await GetAsync<PageDto<T>>(cursor is null ? $"{path}?limit=100" : $"{path}?limit=100&cursor={cursor}");
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return items;
    }

    /// <summary>Creates what the world has and the API lacks; a 409 means it exists already.</summary>
    public async Task<T?> CreateAsync<T>(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return default;
        }

        await EnsureSuccessAsync(response, path);
        return await response.Content.ReadFromJsonAsync<T>(Json);
    }

    /// <summary>
    /// Posts one batch. A 503 (database unreachable) wrote nothing, so it is sent again after
    /// the Retry-After the API asks for, a few times, rather than losing a long load to a blip.
    /// </summary>
    public async Task<BatchAnswer> PostBatchAsync(byte[] body)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(new Uri("/api/readouts/batch", UriKind.Relative), content);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
                Console.WriteLine($"    503 from the batch endpoint; retrying in {wait.TotalSeconds} s");
                await Task.Delay(wait);
                continue;
            }

            await EnsureSuccessAsync(response, "/api/readouts/batch");
            return (await response.Content.ReadFromJsonAsync<BatchAnswer>(Json))!;
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string path)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {path}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 2000)]}");
        }
    }
}
