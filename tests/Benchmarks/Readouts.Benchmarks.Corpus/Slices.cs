using System.Text.Json;

namespace Readouts.Benchmarks.Corpus;

/// <summary>
/// Merges wrk runs of one scenario taken in slices into one result. bench.sh measures the API and
/// its baseline in alternating slices, so that both see the same minutes of this machine, whose
/// speed drifts by a third between runs; each side's slices are then one distribution again.
/// </summary>
internal static class Slices
{
    public const int Quantiles = 1000;

    public static async Task MergeAsync(string output, IReadOnlyList<string> inputs)
    {
        var slices = new List<WrkResult>();
        foreach (var input in inputs)
        {
            slices.Add(JsonSerializer.Deserialize<WrkResult>(await File.ReadAllTextAsync(input), ApiClient.Json)!);
        }

        var merged = Merge(slices);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(merged, ApiClient.Json));
    }

    public static WrkResult Merge(IReadOnlyList<WrkResult> slices)
    {
        if (slices.Count == 0 || slices.Any(s => s.LatencyUs is not { Length: Quantiles } latency || s.DurationS <= 0 || !IsAscending(latency)))
        {
            throw new ArgumentException($"Every slice needs its durationS and {Quantiles} ascending latencyUs values (wrk/common.lua writes them).");
        }

        var requests = slices.Sum(s => s.Requests);
        var seconds = slices.Sum(s => s.DurationS);

        // The merged distribution: at each latency any slice reports, the share of all requests at
        // or below it, each slice weighted by its requests and read off its own quantiles.
        var candidates = slices.SelectMany(s => s.LatencyUs!).Distinct().Order().ToArray();
        var shares = candidates
            .Select(x => slices.Sum(s => s.Requests * (double)CountAtOrBelow(s.LatencyUs!, x) / Quantiles) / requests)
            .ToArray();
        var latency = new long[Quantiles];
        var next = 0;
        for (var i = 0; i < Quantiles; i++)
        {
            var p = (i + 1) / (double)Quantiles;
            while (next < candidates.Length - 1 && shares[next] < p - 1e-9)
            {
                next++;
            }

            latency[i] = candidates[next];
        }

        return new WrkResult(
            requests,
            Math.Round(requests / seconds, 1),
            latency[(Quantiles / 2) - 1] / 1000.0,
            latency[(Quantiles * 99 / 100) - 1] / 1000.0,
            slices.Sum(s => s.Errors),
            seconds,
            latency);
    }

    private static bool IsAscending(long[] values) => values.Zip(values.Skip(1)).All(pair => pair.First <= pair.Second);

    /// <summary>How many of a slice's quantiles (ascending) are at or below the value.</summary>
    private static int CountAtOrBelow(long[] sorted, long value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
