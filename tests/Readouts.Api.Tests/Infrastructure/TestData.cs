using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Readouts.Api.Readouts;

namespace Readouts.Api.Tests.Infrastructure;

/// <summary>
/// Builders for requests and small HTTP helpers. Every test takes dates of its own from
/// <see cref="NewDate"/>, so calls from different tests in one database never link to each other.
/// </summary>
public static class TestData
{
    private static int dateWindows;

    /// <summary>The seed article's two readouts (Samples/readouts.json): the Presidency's in Turkish, the Kremlin's in Russian.</summary>
    public static readonly IReadOnlyList<ReadoutRequest> Samples = JsonSerializer.Deserialize<List<ReadoutRequest>>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "readouts.json")), JsonSerializerOptions.Web)!;

    public static ReadoutRequest Sample(string source) => Samples.Single(s => s.Source == source);

    /// <summary>Posts the seed's readouts (a resend answers 200) and returns the one call they tell.</summary>
    public static async Task<long> PostSamplesAsync(this HttpClient client)
    {
        var calls = new HashSet<long>();
        foreach (var sample in Samples)
        {
            var response = await client.PostAsJsonAsync("/api/readouts", sample);
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"Posting the {sample.Source} sample answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            calls.Add((await response.Content.ReadFromJsonAsync<ReadoutResponse>())!.CallId);
        }

        Assert.True(calls.Count == 1, $"The seed's readouts were linked to {calls.Count} calls ({string.Join(", ", calls)}), not one.");
        return calls.Single();
    }

    /// <summary>A date at least a week away from any other test's, in the past.</summary>
    public static DateOnly NewDate() => new DateOnly(1990, 1, 1).AddDays(7 * Interlocked.Increment(ref dateWindows));

    /// <summary>Creates a source with a fresh slug and returns the slug.</summary>
    public static async Task<string> NewSourceAsync(this HttpClient client, string prefix = "source")
    {
        var slug = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        var response = await client.PostAsJsonAsync("/api/sources", new { slug, name = $"Source {slug}", country = "TR", url = $"https://{slug}.example.org" });
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return slug;
    }

    /// <summary>A side of a call between Erdoğan and Putin told by the Presidency in Turkish, unlabelled: Ukraine is found in its text (Ukrayna'daki).</summary>
    public static ReadoutRequest TurkishSide(string source, DateOnly date) => Readout(source, date, "Erdoğan", "Putin") with
    {
        Language = "tr",
        Title = "Cumhurbaşkanı Erdoğan, Rusya Devlet Başkanı Putin ile telefonda görüştü",
        Topics = [],
        Body = "Görüşmede Ukrayna'daki savaş ve bölgesel konular ele alındı.",
    };

    /// <summary>The Kremlin's side of the same call in Russian, unlabelled, naming its leaders in Cyrillic: Ukraine is found as Украины.</summary>
    public static ReadoutRequest RussianSide(string source, DateOnly date) => Readout(source, date, "Путин", "Эрдоган") with
    {
        Language = "ru",
        Title = "Телефонный разговор с Президентом Турции Реджепом Тайипом Эрдоганом",
        Topics = [],
        Body = "Обсуждалась ситуация вокруг Украины.",
    };

    public static ReadoutRequest Readout(string source, DateOnly date, params string[] leaders) => new()
    {
        Source = source,
        Language = "en",
        CallDate = date,
        Title = $"Telephone conversation of {string.Join(" and ", leaders)}",
        Url = $"https://{source}.example.org/readouts/{Guid.NewGuid():N}",
        Leaders = [.. leaders],
        Topics = ["Bilateral relations"],
        Statements = [],
        Body = "The leaders discussed bilateral relations and regional issues.",
    };

    public static async Task<ReadoutResponse> PostReadoutAsync(this HttpClient client, ReadoutRequest request, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync("/api/readouts", request);
        await response.ShouldHaveStatusAsync(expected);
        return (await response.Content.ReadFromJsonAsync<ReadoutResponse>())!;
    }

    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>Fails with the status and body, so a wrong answer explains itself.</summary>
    public static async Task ShouldHaveStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
    }

    /// <summary>Asserts a problem+json answer with this status and returns its parsed body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ShouldHaveStatusAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Asserts a problem+json answer with some 4xx status (never a 5xx) and returns its parsed body.</summary>
    public static async Task<JsonElement> ShouldBeClientErrorProblemAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            (int)response.StatusCode is >= 400 and < 500,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected a 4xx, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>Asserts that the source has stored no readout at all.</summary>
    public static async Task ShouldHaveNoReadoutsAsync(this HttpClient client, string source)
    {
        var stored = await client.GetJsonAsync<Api.Infrastructure.Page<ReadoutSummary>>($"/api/readouts?source={source}");
        Assert.True(stored.Items.Count == 0, $"Source '{source}' stored readouts it should have refused: {string.Join(", ", stored.Items.Select(r => r.Title))}");
    }

    /// <summary>Every item of a list endpoint, following nextCursor to the end.</summary>
    public static async Task<List<T>> GetAllPagesAsync<T>(this HttpClient client, string url, int limit = 100)
    {
        var items = new List<T>();
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        var pages = 0;
        do
        {
            Assert.True(++pages <= 1000, $"{url} still gives a nextCursor after 1000 pages.");
            var page = await client.GetJsonAsync<Api.Infrastructure.Page<T>>($"{url}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return items;
    }

    /// <summary>
    /// Starts every request, then lets them all go at the same moment, so that they reach the API
    /// together; the answers come back in the order of <paramref name="sends"/>.
    /// </summary>
    public static async Task<HttpResponseMessage[]> SendAllAtOnceAsync(IEnumerable<Func<Task<HttpResponseMessage>>> sends)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = sends.Select(async send =>
        {
            await go.Task;
            return await send();
        }).ToList();
        go.SetResult();
        return await Task.WhenAll(inFlight);
    }

    /// <summary>The error messages a validation problem gives for a field (empty if none).</summary>
    public static IReadOnlyList<string> ErrorsFor(this JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToList()
            : [];
}
