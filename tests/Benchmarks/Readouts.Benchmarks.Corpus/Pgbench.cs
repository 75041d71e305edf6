using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Readouts.Benchmarks.Corpus;

/// <summary>
/// The ceiling for writes: PostgreSQL inserting one readout-sized row with its search vector,
/// driven by pgbench without any API in between.
/// </summary>
internal static partial class Pgbench
{
    // Not LIKE readouts: that would drag in the readouts identity and miss its foreign keys, and the
    // schema changes under the benchmark; this is the shape of one stored readout that matters.
    private const string CreateTable = """
        DROP TABLE IF EXISTS pgbench_readouts;
        CREATE TABLE pgbench_readouts (
            id bigserial PRIMARY KEY,
            call_id bigint NOT NULL,
            source_id integer NOT NULL,
            language varchar(35) NOT NULL,
            call_date date NOT NULL,
            published_at timestamptz,
            title varchar(1000) NOT NULL,
            url varchar(2048) NOT NULL,
            body text NOT NULL,
            content_hash varchar(64) NOT NULL,
            search_config varchar(64) NOT NULL,
            search_vector tsvector,
            created_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (source_id, url));
        CREATE INDEX ON pgbench_readouts (call_id);
        CREATE INDEX ON pgbench_readouts USING gin (search_vector);
        """;

    public static async Task PrepareAsync(string connection, World world, int seed, string dir)
    {
        await Database.ExecuteAsync(connection, CreateTable);

        var generator = new CorpusGenerator(world, seed + 4);
        ReadoutItem readout;
        do
        {
            readout = generator.Next().Readouts[0];
        }
        while (readout.Language != "en" || readout.Body.Split(' ').Length < 140);

        // One line: pgbench reads a script command per line. The URL is unique per client and draw.
        var script = "\\set n random(1, 1000000000000)\n"
            + "INSERT INTO pgbench_readouts (call_id, source_id, language, call_date, published_at, title, url, body, content_hash, search_config, search_vector) "
            + $"SELECT :client_id, 1, 'en', date '{readout.CallDate}', now(), t, 'https://bench.example.org/readouts/' || :client_id || '-' || :n, b, "
            + "encode(sha256(convert_to(b, 'UTF8')), 'hex'), 'english', to_tsvector('english'::regconfig, t || ' ' || b) "
            + $"FROM (VALUES ({Literal(readout.Title)}, {Literal(readout.Body)})) AS v(t, b);\n";
        await File.WriteAllTextAsync(Path.Combine(dir, "pgbench-insert.sql"), script);
    }

    /// <summary>Turns pgbench's per-transaction logs into a result like wrk's, and drops the scratch table.</summary>
    public static async Task FinishAsync(string connection, string dir, string logPrefix, string stdoutFile)
    {
        var latencies = new List<double>();
        var failed = 0;
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(logPrefix)!, Path.GetFileName(logPrefix) + "*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                // client_id transaction_no time script_no time_epoch time_us: time is the latency in µs.
                var fields = line.Split(' ');
                if (fields.Length > 2 && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var micros))
                {
                    latencies.Add(micros / 1000);
                }
                else
                {
                    failed++;
                }
            }
        }

        var stdout = await File.ReadAllTextAsync(stdoutFile);
        var tps = TpsLine().Match(stdout);
        var failures = FailedLine().Match(stdout);
        latencies.Sort();
        var result = new WrkResult(
            latencies.Count,
            tps.Success ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            Percentile(latencies, 50),
            Percentile(latencies, 99),
            failures.Success ? int.Parse(failures.Groups[1].Value, CultureInfo.InvariantCulture) : failed);
        await File.WriteAllTextAsync(Path.Combine(dir, "wrk", "pgbench-insert.json"), JsonSerializer.Serialize(result, ApiClient.Json));
        await Database.ExecuteAsync(connection, "DROP TABLE IF EXISTS pgbench_readouts");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    pgbench-insert: {result.Requests} inserts, {result.Rps:F0}/s, p99 {result.P99Ms:F2} ms, {result.Errors} failed"));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"number of failed transactions: ([0-9]+)")]
    private static partial Regex FailedLine();
}

/// <summary>
/// Executes SQL on the cluster as the project's role, so that the benchmark needs no psql on the
/// host (PostgreSQL may run in Docker).
/// </summary>
internal static class Database
{
    public static async Task<object?> ExecuteAsync(string connection, string sql)
    {
        await using var data = NpgsqlDataSource.Create(connection);
        await using var command = data.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    public static string WithDatabase(string connection, string database) =>
        new NpgsqlConnectionStringBuilder(connection) { Database = database }.ConnectionString;
}
