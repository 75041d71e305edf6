using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Readouts.Benchmarks.Corpus;

/// <summary>
/// What wrk/common.lua's done() writes for one scenario (and Pgbench for its own). LatencyUs is the
/// latency at every 0.1 percentile (1,000 values), which Slices needs to merge runs.
/// </summary>
public sealed record WrkResult(long Requests, double Rps, double P50Ms, double P99Ms, long Errors, double DurationS = 0, long[]? LatencyUs = null);

public sealed record ScenarioRow(string Scenario, long Requests, double Rps, double P50Ms, double P99Ms, long Errors, double? BaselineRps, double? Ratio);

public sealed record TargetCheck(string Target, string Value, bool Pass);

/// <summary>One full export as scripts/bench.sh timed it with curl: rows, seconds, bytes, and the API's peak RSS during it alone.</summary>
public sealed record ExportResult(string File, long Rows, double Seconds, long Bytes, int Status, double PeakRssKb);

public sealed record ExportRow(string File, long Rows, double Seconds, double RowsPerSecond, double Megabytes, double PeakRssMb, int Status);

public sealed record Machine(int Cpus, string Model, double RamGb);

public sealed record BenchReport(
    string Date,
    Machine Machine,
    int Readouts,
    double LoadSeconds,
    double LoadRps,
    int LoadFailed,
    double ApiPeakRssMb,
    double DatabaseMb,
    int DurationSeconds,
    List<ScenarioRow> Scenarios,
    List<ExportRow> Exports,
    List<TargetCheck> Targets);

/// <summary>Assembles report.json and report.md from the load and the wrk and pgbench results, and checks the targets.</summary>
internal static class Report
{
    private static readonly string[] Order =
    [
        "calls-by-leader", "calls-by-pair", "calls-by-date", "calls-by-topic", "calls-by-source",
        "calls-q-en", "calls-q-ru", "calls-q-tr", "calls-q-fr", "calls-q-es", "calls-deep-pages",
        "call-by-id", "call-comparison", "leaders-q", "post-readout",
        "baseline-calls-by-leader", "baseline-call-by-id", "pgbench-insert",
    ];

    private static readonly Dictionary<string, string> Baselines = new()
    {
        ["calls-by-leader"] = "baseline-calls-by-leader",
        ["call-by-id"] = "baseline-call-by-id",
        ["post-readout"] = "pgbench-insert",
    };

    public static async Task WriteAsync(string dir, string connection, string database, double rssKb, int duration)
    {
        var load = JsonSerializer.Deserialize<LoadResult>(await File.ReadAllTextAsync(Path.Combine(dir, "load.json")), ApiClient.Json)!;
        var results = new Dictionary<string, WrkResult>();
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "wrk"), "*.json"))
        {
            results[Path.GetFileNameWithoutExtension(file)] = JsonSerializer.Deserialize<WrkResult>(await File.ReadAllTextAsync(file), ApiClient.Json)!;
        }

        var rows = Order.Concat(results.Keys.Except(Order).Order(StringComparer.Ordinal))
            .Where(results.ContainsKey)
            .Select(name =>
            {
                var r = results[name];
                double? baseline = Baselines.TryGetValue(name, out var other) && results.TryGetValue(other, out var b) ? b.Rps : null;
                double? ratio = baseline is > 0 ? Math.Round(r.Rps / baseline.Value, 2) : null;
                return new ScenarioRow(name, r.Requests, Math.Round(r.Rps, 1), Math.Round(r.P50Ms, 2), Math.Round(r.P99Ms, 2), r.Errors, baseline is null ? null : Math.Round(baseline.Value, 1), ratio);
            })
            .ToList();

        var exports = new List<ExportRow>();
        var exportDir = Path.Combine(dir, "exports");
        foreach (var file in (Directory.Exists(exportDir) ? Directory.GetFiles(exportDir, "*.json") : []).Order(StringComparer.Ordinal))
        {
            var e = JsonSerializer.Deserialize<ExportResult>(await File.ReadAllTextAsync(file), ApiClient.Json)!;
            exports.Add(new ExportRow(e.File, e.Rows, Math.Round(e.Seconds, 1), Math.Round(e.Rows / Math.Max(e.Seconds, 0.001)), Math.Round(e.Bytes / 1024.0 / 1024, 1), Math.Round(e.PeakRssKb / 1024, 1), e.Status));
        }

        var size = Convert.ToDouble(await Database.ExecuteAsync(connection, $"SELECT pg_database_size('{database}')"), CultureInfo.InvariantCulture);
        var report = new BenchReport(
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ReadMachine(),
            load.Readouts,
            load.LoadSeconds,
            load.LoadRps,
            load.Failed,
            Math.Round(rssKb / 1024, 1),
            Math.Round(size / 1024 / 1024, 1),
            duration,
            rows,
            exports,
            Check(rows, exports, rssKb / 1024, load.Failed));

        await File.WriteAllTextAsync(Path.Combine(dir, "report.json"), JsonSerializer.Serialize(report, ApiClient.Readable));
        var markdown = Markdown(report);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.md"), markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine("Targets:");
        foreach (var target in report.Targets)
        {
            Console.WriteLine($"  {(target.Pass ? "PASS" : "FAIL")}  {target.Target,-48} {target.Value}");
        }
    }

    private static List<TargetCheck> Check(List<ScenarioRow> rows, List<ExportRow> exports, double rssMb, int failedLoads)
    {
        var checks = new List<TargetCheck>();
        static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        foreach (var row in rows.Where(r => r.Scenario is not ("post-readout" or "pgbench-insert") && !r.Scenario.StartsWith("baseline-", StringComparison.Ordinal)))
        {
            var limit = row.Scenario.StartsWith("calls-q-", StringComparison.Ordinal) ? 50 : row.Scenario.StartsWith("page-", StringComparison.Ordinal) ? 30 : 25;
            checks.Add(new($"{row.Scenario} p99 <= {limit} ms", $"{F(row.P99Ms)} ms", row.P99Ms <= limit));
        }

        // Baselines too: a baseline that errs makes its ratio meaningless.
        checks.Add(new("zero errors", string.Join(", ", rows.Where(r => r.Errors > 0).Select(r => $"{r.Scenario}: {r.Errors}")) is { Length: > 0 } errors ? errors : "0", rows.All(r => r.Errors == 0)));

        foreach (var name in new[] { "calls-by-leader", "call-by-id" })
        {
            var ratio = rows.FirstOrDefault(r => r.Scenario == name)?.Ratio;
            checks.Add(new($"{name} ratio to baseline >= 0.8", ratio is null ? "no baseline" : F(ratio.Value), ratio >= 0.8));
        }

        var post = rows.FirstOrDefault(r => r.Scenario == "post-readout");
        checks.Add(new("post-readout >= 1000 req/s", post is null ? "not run" : F(post.Rps), post?.Rps >= 1000));
        checks.Add(new("post-readout p99 <= 50 ms", post is null ? "not run" : $"{F(post.P99Ms)} ms", post?.P99Ms <= 50));
        checks.Add(new("post-readout ratio to pgbench >= 0.3", post?.Ratio is { } postRatio ? F(postRatio) : "no pgbench", post?.Ratio >= 0.3));
        checks.Add(new("corpus loaded without failed items", $"{failedLoads} failed", failedLoads == 0));
        checks.Add(new("API peak RSS <= 400 MB", $"{F(rssMb)} MB", rssMb <= 400));

        // Issue 26: a million readouts out at 20,000 a second or more, at constant memory.
        var ndjson = exports.FirstOrDefault(e => e.File == "readouts.ndjson");
        checks.Add(new("export readouts.ndjson >= 20000 readouts/s", ndjson is null ? "not run" : $"{F(ndjson.RowsPerSecond)} readouts/s in {F(ndjson.Seconds)} s", ndjson is { Status: 200, RowsPerSecond: >= 20_000 }));
        foreach (var export in exports)
        {
            checks.Add(new($"API peak RSS during {export.File} < 400 MB", $"{F(export.PeakRssMb)} MB", export is { Status: 200, PeakRssMb: < 400 }));
        }

        return checks;
    }

    private static string Markdown(BenchReport report)
    {
        var text = new StringBuilder();
        var m = report.Machine;
        text.Append(CultureInfo.InvariantCulture, $"{report.Readouts:N0} readouts, loaded in {report.LoadSeconds} s ({report.LoadRps} readouts/s); database {report.DatabaseMb} MB; API peak RSS {report.ApiPeakRssMb} MB; ")
            .Append(CultureInfo.InvariantCulture, $"wrk -t2 -c16 -d{report.DurationSeconds}s per scenario (the API and its baseline in alternating slices); {m.Cpus} × {m.Model}, {m.RamGb} GB RAM; {report.Date}.\n\n")
            .Append("| Scenario | Requests | req/s | p50 ms | p99 ms | Errors | Baseline req/s | Ratio |\n")
            .Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var r in report.Scenarios)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Requests} | {r.Rps:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.Errors} | {(r.BaselineRps is { } b ? b.ToString("F0", CultureInfo.InvariantCulture) : "")} | {(r.Ratio is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "")} |\n");
        }

        if (report.Exports.Count > 0)
        {
            text.Append("\n| Export | Rows | Seconds | Rows/s | MB | API peak RSS MB |\n")
                .Append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
            foreach (var e in report.Exports)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {e.File} | {e.Rows} | {e.Seconds:F1} | {e.RowsPerSecond:F0} | {e.Megabytes:F0} | {e.PeakRssMb:F0} |\n");
            }
        }

        return text.ToString();
    }

    private static Machine ReadMachine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var ramGb = memory is null ? 0 : Math.Round(double.Parse(memory, CultureInfo.InvariantCulture) / 1024 / 1024, 1);
        return new Machine(Environment.ProcessorCount, model ?? "unknown CPU", ramGb);
    }
}
