using System.Globalization;
using System.Text.Json;

namespace Readouts.Benchmarks.Corpus;

/// <summary>
/// Writes one file of request paths per GET scenario (wrk picks one at random per request),
/// drawn with the corpus's own skew, and the templates the POST scenario fills in.
/// </summary>
internal static class Scenarios
{
    private const int DeepestPage = 200;
    private const int ShallowestRecordedPage = 50;

    public static async Task WriteAsync(ApiClient api, World world, int seed, string dir, int paths)
    {
        var random = new Random(seed + 2);
        var sample = JsonSerializer.Deserialize<CorpusSample>(await File.ReadAllTextAsync(Path.Combine(dir, "sample.json")), ApiClient.Json)!;
        var calls = (await File.ReadAllLinesAsync(Path.Combine(dir, "calls.tsv")))
            .Select(line => line.Split('\t'))
            .Select(parts => (Id: long.Parse(parts[0], CultureInfo.InvariantCulture), Readouts: int.Parse(parts[1], CultureInfo.InvariantCulture)))
            .ToList();
        var output = Path.Combine(dir, "scenarios");
        Directory.CreateDirectory(output);

        async Task Write(string name, Func<string> path)
        {
            var lines = Enumerable.Range(0, paths).Select(_ => path()).ToList();
            await File.WriteAllLinesAsync(Path.Combine(output, name + ".txt"), lines);
            Console.WriteLine($"    {name,-22} {lines.Distinct().Count(),6} distinct paths, e.g. {lines[0]}");
        }

        string Leader() => world.Leaders[world.LeaderSkew.Next(random)].Slug;
        T Any<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        Console.WriteLine("==> Scenario request lists");
        await Write("calls-by-leader", () => $"/api/calls?leader={Leader()}");
        await Write("calls-by-pair", () =>
        {
            var pair = Any(sample.Pairs);
            return $"/api/calls?leader={pair[0]}&leader={pair[1]}";
        });
        await Write("calls-by-date", () =>
        {
            var month = new DateOnly(2001, 1, 1).AddMonths(random.Next(25 * 12));
            return string.Create(CultureInfo.InvariantCulture, $"/api/calls?from={month:yyyy-MM-dd}&to={month.AddMonths(1).AddDays(-1):yyyy-MM-dd}");
        });

        // A topic as a client names it: a side's label, in one of the corpus's languages, which the
        // API resolves to the subject (or the topic of its own) that readouts in any language share.
        await Write("calls-by-topic", () =>
        {
            var labels = world.Topics[world.TopicSkew.Next(random)].All;
            return $"/api/calls?topic={Uri.EscapeDataString(labels[random.Next(labels.Count)])}";
        });
        await Write("calls-by-source", () => $"/api/calls?source={Any(sample.Sources)}");

        foreach (var vocabulary in Vocabulary.All)
        {
            var words = new List<string>();
            foreach (var word in vocabulary.QueryWords)
            {
                if ((await api.GetAsync<PageDto<CallDto>>($"/api/calls?limit=1&q={Uri.EscapeDataString(word)}")).Items.Count > 0)
                {
                    words.Add(word);
                }
            }

            var missing = vocabulary.QueryWords.Except(words).ToList();
            Console.WriteLine($"    (q {vocabulary.Code}: {words.Count} of {vocabulary.QueryWords.Length} words find calls{(missing.Count > 0 ? "; none for " + string.Join(", ", missing) : "")})");
            if (words.Count == 0)
            {
                throw new InvalidOperationException($"No query word of '{vocabulary.Code}' finds a call: is the corpus loaded?");
            }

            await Write($"calls-q-{vocabulary.Code}", () => $"/api/calls?q={Uri.EscapeDataString(Any(words))}");
        }

        var deep = new List<string>();
        foreach (var filter in new[] { "", $"leader={world.Leaders[0].Slug}", $"leader={world.Leaders[1].Slug}", $"source={sample.Sources[0]}", $"from=2015-01-01&to=2025-12-31" })
        {
            deep.AddRange(await DeepPagesAsync(api, filter));
        }

        await Write("calls-deep-pages", () => Any(deep));

        await Write("call-by-id", () => string.Create(CultureInfo.InvariantCulture, $"/api/calls/{Any(calls).Id}"));
        var compared = calls.Where(c => c.Readouts >= 2).ToList();
        await Write("call-comparison", () => string.Create(CultureInfo.InvariantCulture, $"/api/calls/{Any(compared.Count > 0 ? compared : calls).Id}/comparison"));

        // The pages for people: the newest calls, what a visitor opens first, and a call's accounts side by side.
        await Write("page-home", () => "/");
        await Write("page-call", () => string.Create(CultureInfo.InvariantCulture, $"/calls/{Any(compared.Count > 0 ? compared : calls).Id}"));
        await Write("leaders-q", () =>
        {
            var leader = world.Leaders[world.LeaderSkew.Next(random)];
            var names = leader.Aliases.Append(leader.Name).Append(leader.Name).ToList();
            var word = Any(Any(names).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return $"/api/leaders?q={Uri.EscapeDataString(word[..Math.Min(word.Length, random.Next(3, 6))])}";
        });

        await WritePostTemplatesAsync(world, seed, Path.Combine(output, "post-readout.tsv"));
    }

    /// <summary>Follows nextCursor down to page 200 and keeps the cursors from page 50 on (or the lower half of a shorter list).</summary>
    private static async Task<List<string>> DeepPagesAsync(ApiClient api, string filter)
    {
        var prefix = filter.Length == 0 ? "/api/calls?" : $"/api/calls?{filter}&";
        var cursors = new List<string>();
        string? cursor = null;
        for (var page = 1; page <= DeepestPage; page++)
        {
            var answer = await api.GetAsync<PageDto<CallDto>>(cursor is null ? $"{prefix}limit=20" : $"{prefix}cursor={cursor}");
            if (answer.NextCursor is null)
            {
                break;
            }

            cursor = answer.NextCursor;
            cursors.Add($"{prefix}cursor={cursor}");
        }

        return cursors.Skip(Math.Min(ShallowestRecordedPage, cursors.Count / 2)).ToList();
    }

    /// <summary>
    /// Pairs of sides of new calls, one pair a line, tab-separated, for wrk/post.lua: it fills in
    /// the dates (__D1__, __D2__) and a URL part unique to its thread and request (__URL__).
    /// </summary>
    private static async Task WritePostTemplatesAsync(World world, int seed, string path)
    {
        var generator = new CorpusGenerator(world, seed + 3, "bench");
        var lines = new List<string>();
        var date = new DateOnly(2001, 1, 1);
        while (lines.Count < 1000)
        {
            var call = generator.Next(date);
            if (call.Readouts.Count < 2 || call.Readouts[0].Source == call.Readouts[1].Source)
            {
                continue;
            }

            lines.Add(string.Join('\t', call.Readouts.Take(2).Select((r, i) => JsonSerializer.Serialize(
                r with
                {
                    CallDate = i == 0 ? "__D1__" : "__D2__",
                    PublishedAt = i == 0 ? "__D1__T20:00:00Z" : "__D2__T20:00:00Z",
                    Url = r.Url[..(r.Url.IndexOf("/bench/", StringComparison.Ordinal) + 7)] + "__URL__",
                },
                ApiClient.Json))));
        }

        await File.WriteAllLinesAsync(path, lines);
        Console.WriteLine($"    {"post-readout",-22} {lines.Count,6} call templates (two sides each)");
    }
}
