using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Readouts.Benchmarks.Corpus;

/// <summary>What the scenarios need to know about the loaded corpus, beyond what the API can list.</summary>
public sealed record CorpusSample(List<string[]> Pairs, List<string> Sources);

public sealed record LoadResult(int Readouts, int Created, int Unchanged, int Failed, double LoadSeconds, double LoadRps);

internal static class Loader
{
    public const int BatchSize = 1000;
    private const int InFlight = 3;
    private const int SampleSize = 5000;

    /// <summary>Brings the API's leaders and sources up to the world's cast.</summary>
    public static async Task<World> SetupAsync(ApiClient api, int seed)
    {
        var leaders = await api.ListAllAsync<LeaderDto>("/api/leaders");
        var sources = await api.ListAllAsync<SourceDto>("/api/sources");
        var world = World.Build(
            leaders.Select(l => new LeaderSpec(l.Name, l.Country, [.. l.Aliases ?? []]) { Slug = l.Slug }).ToList(),
            sources.Select(s => new SourceSpec(s.Slug, s.Name, s.Country, s.Url, World.LanguageOfCountry(s.Country))).ToList(),
            seed);

        var created = 0;
        foreach (var leader in world.Leaders.Where(l => l.Slug.Length == 0))
        {
            var answer = await api.CreateAsync<LeaderDto>("/api/leaders", new { leader.Name, leader.Country, leader.Aliases })
                ?? throw new InvalidOperationException($"POST /api/leaders {leader.Name}: 409, a name or alias belongs to another leader.");
            leader.Slug = answer.Slug;
            created++;
        }

        var known = sources.Select(s => s.Slug).ToHashSet();
        foreach (var source in world.Sources.Where(s => !known.Contains(s.Slug)))
        {
            await api.CreateAsync<SourceDto>("/api/sources", new { source.Slug, source.Name, source.Country, source.Url });
            created++;
        }

        Console.WriteLine($"==> Cast: {world.Leaders.Count} leaders, {world.Sources.Count} sources ({created} created), {world.Topics.Count} topics");
        return world;
    }

    /// <summary>
    /// Posts <paramref name="count"/> readouts through the batch endpoint, a few batches in
    /// flight so that the API, not this loop, sets the pace; writes what the scenarios need.
    /// </summary>
    public static async Task<LoadResult> LoadAsync(ApiClient api, World world, int seed, int count, string dir)
    {
        var generator = new CorpusGenerator(world, seed);
        var random = new Random(seed + 1);
        var sample = new CorpusSample([], []);
        var readoutsPerCall = new Dictionary<long, int>();
        var problems = new List<string>();
        int created = 0, unchanged = 0, failed = 0, answered = 0, nextProgress = 50_000;
        var gate = new SemaphoreSlim(InFlight);
        var posts = new List<Task>();
        var clock = Stopwatch.StartNew();

        void Record(List<ReadoutItem> batch, BatchAnswer answer)
        {
            lock (readoutsPerCall)
            {
                created += answer.Created;
                unchanged += answer.Unchanged;
                foreach (var item in answer.Items)
                {
                    if (item.CallId is { } callId)
                    {
                        readoutsPerCall[callId] = readoutsPerCall.GetValueOrDefault(callId) + 1;
                    }
                    else
                    {
                        failed++;
                        if (problems.Count < 5)
                        {
                            problems.Add($"{batch[item.Index].Source} {batch[item.Index].Url}: {item.Status} {item.Problem}");
                        }
                    }
                }

                answered += batch.Count;
                if (answered >= nextProgress)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {answered,9} readouts  {clock.Elapsed.TotalSeconds,7:F1} s  {answered / clock.Elapsed.TotalSeconds,7:F0} readouts/s"));
                    nextProgress += 50_000;
                }
            }
        }

        var generated = 0;
        var calls = 0;
        while (generated < count)
        {
            var batch = new List<ReadoutItem>(BatchSize);
            // A call has at most three readouts, and its sides stay in one batch.
            while (batch.Count <= BatchSize - 3 && generated < count)
            {
                var call = generator.Next();
                calls++;
                var take = Math.Min(call.Readouts.Count, count - generated);
                batch.AddRange(call.Readouts.Take(take));
                generated += take;
                Keep(sample.Pairs, [call.LeaderSlugs[0], call.LeaderSlugs[1]], calls, random);
                Keep(sample.Sources, call.Readouts[0].Source, calls, random);
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(batch, ApiClient.Json);
            await gate.WaitAsync();
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    Record(batch, await api.PostBatchAsync(body));
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(posts);
        var seconds = clock.Elapsed.TotalSeconds;
        var result = new LoadResult(count, created, unchanged, failed, Math.Round(seconds, 1), Math.Round(count / seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"==> Loaded {count} readouts ({created} created, {unchanged} unchanged, {failed} failed) into {readoutsPerCall.Count} calls: loadSeconds {result.LoadSeconds}, loadRps {result.LoadRps}"));
        foreach (var problem in problems)
        {
            Console.WriteLine($"    FAILED {problem}");
        }

        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "load.json"), JsonSerializer.Serialize(result, ApiClient.Json));
        await File.WriteAllTextAsync(Path.Combine(dir, "sample.json"), JsonSerializer.Serialize(sample, ApiClient.Json));
        await File.WriteAllLinesAsync(Path.Combine(dir, "calls.tsv"), readoutsPerCall.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}\t{c.Value}")));
        return result;
    }

    /// <summary>Reservoir sampling: every item seen so far has the same chance to be kept.</summary>
    private static void Keep<T>(List<T> reservoir, T item, int seen, Random random)
    {
        if (reservoir.Count < SampleSize)
        {
            reservoir.Add(item);
        }
        else if (random.Next(seen) < SampleSize)
        {
            reservoir[random.Next(SampleSize)] = item;
        }
    }
}
