using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Sources;
using Readouts.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Readouts.Api.Tests.Calls;

/// <summary>
/// On an archive of about ten thousand readouts, every statement the API sends to PostgreSQL is
/// planned with EXPLAIN with the same parameter values, afresh and as a prepared statement past its
/// fifth execution, when PostgreSQL may switch to a generic plan: none may read a large table from end to end.
/// </summary>
public sealed class QueryPlanTests(QueryPlanTests.SeededArchive archive, ITestOutputHelper output) : IClassFixture<QueryPlanTests.SeededArchive>
{
    /// <summary>Tables that grow with the archive. The registries (leaders, leader_names, topics, sources) stay small and may be scanned.</summary>
    private static readonly IReadOnlySet<string> LargeTables = new HashSet<string>
    {
        "calls", "readouts", "call_leaders", "call_topics", "readout_topics", "statements", "readout_revisions", "idempotency_records",
    };

    private HttpClient Client => archive.Client;

    [Fact]
    public async Task Every_query_the_api_serves_on_a_seeded_database_uses_an_index()
    {
        await ServeEveryKindOfRequestAsync();
        var recorded = archive.Recorder.Statements;

        var explained = new List<ExplainedStatement>();
        await using (var connection = new NpgsqlConnection(archive.ConnectionString))
        {
            await connection.OpenAsync();
            // The same statement with other values may get another plan (a common leader or a rare one), so each is planned.
            var statements = recorded.Where(s => ExplainedStatement.IsExplainable(s.Sql)).DistinctBy(s => (s.Sql, Describe(s.Parameters))).ToList();
            foreach (var statement in statements)
            {
                explained.Add(await ExplainedStatement.ExplainAsync(connection, statement));
            }

            // By parameter count too: a statement split from a batch of EF Core's carries the whole batch's parameters.
            foreach (var executions in statements.GroupBy(s => (s.Sql, s.Parameters.Count)))
            {
                explained.AddRange(await ExplainedStatement.ExplainPreparedAsync(connection, executions.ToList()));
            }
        }

        output.WriteLine($"Seeded: {archive.Seeding}.");
        Report(explained);
        var distinctQueries = explained.Select(e => e.Statement.Sql).Where(sql => sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).Distinct().Count();
        Assert.True(distinctQueries >= 20, $"Only {distinctQueries} distinct SELECTs were recorded ({recorded.Count} statements in all): the recorder is not seeing the application's commands.");

        var offenders = explained
            .Select(e => (Explained: e, Scans: e.SequentialScansOf(LargeTables)))
            .Where(e => e.Scans.Count > 0)
            .GroupBy(e => e.Explained.Statement.Sql)
            .ToList();
        Assert.True(offenders.Count == 0, Describe(offenders, explained.Count));
    }

    [Theory]
    [InlineData("vacuna")]
    [InlineData("\"grain corridor\" -sanctions")]
    public async Task A_search_asks_postgresql_for_each_stemming_of_its_words_once(string q)
    {
        var url = $"/api/calls?q={Uri.EscapeDataString(q)}";
        await SendAsync<Page<CallSummary>>(HttpMethod.Get, url, null, HttpStatusCode.OK);

        var searches = archive.Recorder.Statements.Where(s => s.Request == $"GET {url}")
            .SelectMany(s => s.Parameters).Select(p => p.Value).OfType<NpgsqlTsQuery>().ToList();
        var search = Assert.Single(searches);
        // The newest-first walk looks every alternative up again in each call it checks.
        var alternatives = Alternatives(search).Select(a => a.ToString()).ToList();
        Assert.True(alternatives.Count == alternatives.Distinct().Count(), $"The search for '{q}' OR-ed {alternatives.Count} alternatives, {alternatives.Distinct().Count()} of them distinct: {search}");
    }

    [Fact]
    public async Task A_batch_looks_up_its_resends_by_source_and_url_together_not_every_source_with_every_url()
    {
        // Stored readouts from across the archive, so from many sources: each is a resend.
        var resent = archive.Corpus.Readouts.Where((_, i) => i % 40 == 0).Take(200).ToList();
        var sources = resent.Select(r => r.Source).Distinct().Count();
        Assert.True(sources >= 5, $"The resent readouts come from only {sources} sources: too few to tell a lookup by pairs from one by every source with every URL.");
        const string label = "POST /api/readouts/batch (resends)";
        archive.Recorder.Request = label;
        try
        {
            using var response = await Client.PostAsJsonAsync("/api/readouts/batch", resent);
            await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var statuses = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()).ToList();
            // 409 for the few the seeding corrected since: their content differs from what is resent.
            Assert.True(statuses.All(s => s is 200 or 409), $"Resending stored readouts answered {string.Join(", ", statuses.CountBy(s => s).Select(s => $"{s.Value} × {s.Key}"))}, not 200 (or 409) each.");
        }
        finally
        {
            archive.Recorder.Request = null;
        }

        var lookup = Assert.Single(archive.Recorder.Statements, s => s.Request == label && s.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && s.Sql.Contains("content_hash", StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(archive.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {lookup.Sql}", connection);
        explain.Parameters.AddRange(lookup.Parameters.Select(p => p.Clone()).ToArray());
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        var root = plan.RootElement[0].GetProperty("Plan");
        var blocks = root.GetProperty("Shared Hit Blocks").GetInt64() + root.GetProperty("Shared Read Blocks").GetInt64();

        output.WriteLine($"Looking up {resent.Count} resends from {sources} sources read {blocks} pages.");

        // A pair is one descent of the (source_id, url) index and one row: a handful of pages. Every
        // source with every URL is a descent per combination, which grows with the sources in the batch.
        Assert.True(blocks <= 6 * resent.Count, $"Looking up {resent.Count} resends from {sources} sources read {blocks} pages ({(double)blocks / resent.Count:F1} a readout): "
            + $"the lookup probes more than each readout's source and URL.\n  SQL: {Shorten(lookup.Sql, 300)}\n  plan:\n{PlanNode.Of(root)}");
    }

    private static IEnumerable<NpgsqlTsQuery> Alternatives(NpgsqlTsQuery query) =>
        query is NpgsqlTsQueryOr or ? Alternatives(or.Left).Concat(Alternatives(or.Right)) : [query];

    [Fact]
    public async Task Search_vectors_of_calls_are_kept_in_the_call_row_where_a_full_text_walk_reads_them()
    {
        await using var connection = new NpgsqlConnection(archive.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT a.attstorage::text, count(*) FILTER (WHERE pg_column_size(c.search_vector) > 2100), count(*)
            FROM pg_attribute a, calls c
            WHERE a.attrelid = 'calls'::regclass AND a.attname = 'search_vector'
            GROUP BY a.attstorage
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The seeded archive has no calls.");
        var (storage, large, calls) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));

        // 'm' (MAIN): compressed in the row; the default 'x' moves vectors over about 2 kB to TOAST.
        Assert.True(storage == "m", $"calls.search_vector has storage '{storage}', not 'm' (MAIN): the InlineCallSearchVector migration did not apply.");
        output.WriteLine($"{large} of {calls} calls have a search vector over 2,100 bytes compressed, kept in the row.");
    }

    [Fact]
    public async Task Gin_indexes_of_calls_keep_short_pending_lists_that_reads_between_vacuums_scan_quickly()
    {
        await using var connection = new NpgsqlConnection(archive.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, coalesce(array_to_string(c.reloptions, ','), '')
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
            WHERE i.indrelid = 'calls'::regclass AND a.amname = 'gin'
            ORDER BY c.relname
            """,
            connection);
        var options = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                options[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.True(options.Count == 4, $"Expected the four GIN indexes of calls (leaders, topics, sources, search vector), found: {string.Join(", ", options.Keys)}.");
        var unlimited = options.Where(o => !o.Value.Split(',').Contains("gin_pending_list_limit=256")).ToList();
        Assert.True(unlimited.Count == 0, "These GIN indexes do not cap their pending list at 256 kB (PostgreSQL's default is 4 MB), and every read through them scans it: "
            + string.Join("; ", unlimited.Select(o => $"{o.Key} ({(o.Value.Length == 0 ? "no options" : o.Value)})")) + ". The ShortGinPendingLists migration did not apply.");
    }

    /// <summary>Realistic requests to every endpoint, filters common and rare, pages beyond the first, and each kind of write.</summary>
    private async Task ServeEveryKindOfRequestAsync()
    {
        var corpus = archive.Corpus;
        var common = corpus.MostCommonLeader;
        var second = corpus.CallsByLeader.OrderByDescending(l => l.Value).ElementAt(1).Key;
        var rare = corpus.RarestLeader;
        var commonTopic = Uri.EscapeDataString(corpus.MostCommonTopic);
        var rareTopic = Uri.EscapeDataString(corpus.RarestTopic);
        var wire = archive.WireServices[^1];

        // GET /api/calls and its filters.
        await FollowPagesAsync<CallSummary>("/api/calls", pages: 3);
        await FollowPagesAsync<CallSummary>($"/api/calls?leader={common}", pages: 3);
        await GetAsync($"/api/calls?leader={rare}");
        await GetAsync($"/api/calls?leader={Uri.EscapeDataString("Путин")}");
        await FollowPagesAsync<CallSummary>($"/api/calls?leader={common}&leader={second}", pages: 2);
        await GetAsync($"/api/calls?leader={common}&leader={rare}");
        await GetAsync("/api/calls?from=2012-01-01&to=2012-12-31");
        await GetAsync("/api/calls?from=2025-10-01");
        await FollowPagesAsync<CallSummary>("/api/calls?to=2003-06-30", pages: 2);
        await FollowPagesAsync<CallSummary>($"/api/calls?topic={commonTopic}", pages: 2);
        await GetAsync($"/api/calls?topic={rareTopic}");
        await GetAsync("/api/calls?topic=A+topic+nobody+used");
        await FollowPagesAsync<CallSummary>("/api/calls?source=kremlin", pages: 2);
        await GetAsync($"/api/calls?source={wire}");
        await FollowPagesAsync<CallSummary>("/api/calls?q=ceasefire", pages: 2);
        await GetAsync("/api/calls?q=prisoners");
        await GetAsync($"/api/calls?q={Uri.EscapeDataString("переговоры")}");
        await GetAsync($"/api/calls?q={Uri.EscapeDataString("işbirliği")}");
        await GetAsync($"/api/calls?q={Uri.EscapeDataString("\"grain corridor\" -sanctions")}");
        await GetAsync($"/api/calls?leader={common}&topic={commonTopic}&from=2010-01-01&to=2020-12-31&q=trade");
        await GetAsync($"/api/calls?leader={rare}&source=kremlin&q=dialogue&limit=100");
        await GetAsync($"/api/calls?leader={common}&from=2024-01-01&to=2024-03-31&limit=100");
        await GetAsync("/api/calls?leader=Putn", HttpStatusCode.UnprocessableEntity);

        // One call and its comparison, one readout and its history.
        var call = (await GetAsync<Page<CallSummary>>($"/api/calls?leader={common}&leader={second}")).Items[0];
        var details = await GetAsync<CallDetails>($"/api/calls/{call.Id}");
        await GetAsync($"/api/calls/{call.Id}/comparison");
        await GetAsync($"/api/readouts/{details.Readouts[0].Id}");
        await GetAsync($"/api/readouts/{archive.CorrectedReadoutId}/revisions");
        await GetAsync($"/api/readouts/{archive.CorrectedReadoutId}/revisions/1");
        await GetAsync($"/api/readouts/{archive.CorrectedReadoutId}/revisions/2");

        // GET /api/readouts and its filters.
        await FollowPagesAsync<ReadoutSummary>("/api/readouts", pages: 3);
        await FollowPagesAsync<ReadoutSummary>("/api/readouts?source=kremlin", pages: 2);
        await GetAsync($"/api/readouts?source={wire}");
        await FollowPagesAsync<ReadoutSummary>($"/api/readouts?leader={common}", pages: 2);
        await GetAsync($"/api/readouts?leader={rare}");
        await FollowPagesAsync<ReadoutSummary>("/api/readouts?from=2015-01-01&to=2015-06-30", pages: 2);
        await GetAsync($"/api/readouts?source=kremlin&leader={second}&from=2005-01-01&to=2020-12-31");

        // The registries and a leader's calls.
        await FollowPagesAsync<LeaderResponse>("/api/leaders", pages: 2);
        await GetAsync("/api/leaders?q=putin");
        await GetAsync($"/api/leaders?q={Uri.EscapeDataString("Эрдоган")}");
        await GetAsync($"/api/leaders/{common}");
        await FollowPagesAsync<CallSummary>($"/api/leaders/{common}/calls", pages: 2);
        await GetAsync($"/api/leaders/{rare}/calls");
        await GetAsync($"/api/leaders/{common}/calls?leader={second}&from=2010-01-01");
        await GetAsync("/api/topics?limit=100");
        await GetAsync("/api/sources");
        await GetAsync("/api/sources/kremlin");

        // Writes: a post that joins an existing call, its correction to another date (re-linked),
        // a move to a call of its own, a deletion; then the deleted readout and its history.
        var joining = archive.Corpus.Readouts[0] with { Language = "de", Url = $"{archive.Corpus.Readouts[0].Url}/de" };
        var posted = await SendAsync<ReadoutResponse>(HttpMethod.Post, "/api/readouts", joining, HttpStatusCode.Created, ("Idempotency-Key", "plan-post"));
        var corrected = joining with { CallDate = joining.CallDate!.Value.AddDays(1), Body = $"{joining.Body} Korrigiert.", Topics = ["Trade", "Energy"] };
        await SendAsync<ReadoutResponse>(HttpMethod.Put, $"/api/readouts/{posted.Id}", corrected, HttpStatusCode.OK, ("If-Match", "\"1\""));
        var moved = await SendAsync<ReadoutResponse>(HttpMethod.Post, $"/api/readouts/{posted.Id}/link", new { callId = (long?)null }, HttpStatusCode.OK);
        await SendAsync<JsonElement?>(HttpMethod.Delete, $"/api/readouts/{posted.Id}", null, HttpStatusCode.NoContent, ("If-Match", $"\"{moved.Version}\""));
        await GetAsync($"/api/readouts/{posted.Id}", HttpStatusCode.Gone);
        await GetAsync($"/api/readouts/{posted.Id}/revisions");

        // What the API runs in the background: the idempotency records' cleanup.
        archive.Recorder.Request = "background: IdempotencyCleanup.PurgeAsync";
        await archive.App.Services.GetRequiredService<IdempotencyCleanup>().PurgeAsync(CancellationToken.None);
        archive.Recorder.Request = null;
    }

    private async Task GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await SendAsync<JsonElement?>(HttpMethod.Get, url, null, expected);

    private Task<T> GetAsync<T>(string url) => SendAsync<T>(HttpMethod.Get, url, null, HttpStatusCode.OK);

    /// <summary>The first <paramref name="pages"/> pages, following nextCursor.</summary>
    private async Task FollowPagesAsync<T>(string url, int pages)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        for (var page = 0; page < pages; page++)
        {
            cursor = (await GetAsync<Page<T>>(cursor is null ? url : $"{url}{separator}cursor={cursor}")).NextCursor;
            if (cursor is null)
            {
                return;
            }
        }
    }

    /// <summary>Sends one request with the recorder labelled by it, and checks the status.</summary>
    private async Task<T> SendAsync<T>(HttpMethod method, string url, object? body, HttpStatusCode expected, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        archive.Recorder.Request = $"{method} {url}";
        try
        {
            using var response = await Client.SendAsync(request);
            await response.ShouldHaveStatusAsync(expected);
            return response.Content.Headers.ContentLength == 0 || (expected != HttpStatusCode.OK && expected != HttpStatusCode.Created)
                ? default!
                : (await response.Content.ReadFromJsonAsync<T>())!;
        }
        finally
        {
            archive.Recorder.Request = null;
        }
    }

    private void Report(List<ExplainedStatement> explained)
    {
        foreach (var query in explained.GroupBy(e => e.Statement.Sql))
        {
            output.WriteLine($"--- {Shorten(query.Key, 200)}");
            output.WriteLine($"    from: {string.Join(" | ", query.Select(e => e.Statement.Request).Distinct().Take(4))}");
            foreach (var plan in query.Select(e => (e.Prepared ? "(prepared, sixth execution on)\n" : "") + e.Plan).Distinct())
            {
                output.WriteLine(plan);
            }
        }
    }

    private static string Describe(List<IGrouping<string, (ExplainedStatement Explained, IReadOnlyList<PlanNode> Scans)>> offenders, int planned)
    {
        var text = new StringBuilder($"{offenders.Count} of the API's queries read a large table with a sequential scan ({planned} plans checked):");
        foreach (var query in offenders)
        {
            var (first, scans) = query.First();
            text.AppendLine().AppendLine()
                .Append("Seq Scan on ").AppendJoin(", ", scans.Select(s => s.Relation).Distinct()).AppendLine(" in:")
                .Append("  SQL: ").AppendLine(Shorten(query.Key, 300))
                .Append("  served for: ").AppendJoin(" | ", query.Select(q => q.Explained.Statement.Request).Distinct().Take(5)).AppendLine()
                .Append("  parameters: ").AppendLine(Shorten(Describe(first.Statement.Parameters), 300))
                .AppendLine(first.Prepared ? "  plan of the prepared statement from its sixth execution on, when PostgreSQL may use its generic plan:" : "  plan:")
                .AppendJoin('\n', first.Plan.ToString().TrimEnd().Split('\n').Select(line => $"    {line}"));
        }

        return text.ToString();
    }

    private static string Describe(IEnumerable<NpgsqlParameter> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.ParameterName}={Format(p.Value)}"));

    private static string Format(object? value) => value switch
    {
        null or DBNull => "null",
        string s => $"'{s}'",
        System.Collections.IEnumerable items => $"[{string.Join(",", items.Cast<object?>().Select(Format))}]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static string Shorten(string text, int length)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > length ? $"{flat[..length]}…" : flat;
    }

    /// <summary>
    /// One database for the class, seeded through the API with <see cref="ReadoutCorpus"/> (about
    /// ten thousand readouts, some corrected), then analysed as autovacuum would. The host records
    /// its SQL with <see cref="SqlRecorder"/>, only while a test labels a request.
    /// </summary>
    public sealed class SeededArchive : IAsyncLifetime
    {
        private const int Readouts = 10_000;
        private const int SinglePosts = 120;
        private const int Corrections = 100;
        private const int IdempotencyKeys = 20_000;

        private ReadoutsApiFactory Api { get; } = new();

        public SqlRecorder Recorder { get; } = new();

        public WebApplicationFactory<Program> App { get; private set; } = null!;

        public HttpClient Client { get; private set; } = null!;

        public string ConnectionString => Api.ConnectionString;

        public ReadoutCorpus Corpus { get; private set; } = null!;

        public IReadOnlyList<string> WireServices { get; } = ["global-wire", "asia-wire", "americas-wire"];

        /// <summary>What seeding did and how long it took.</summary>
        public string Seeding { get; private set; } = "";

        /// <summary>A seeded readout with two versions.</summary>
        public long CorrectedReadoutId { get; private set; }

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)Api).InitializeAsync();
            // ConfigureDbContext reaches the options AddDbContextPool builds: both go through IDbContextOptionsConfiguration.
            App = Api.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.ConfigureDbContext<ReadoutsDbContext>(options =>
                options.UseNpgsql(npgsql => npgsql.ConfigureDataSource(Recorder.Configure)))));
            Client = App.CreateClient();
            Client.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);

            var clock = Stopwatch.StartNew();
            var steps = await SeedAsync();
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            // A day of a busy newsroom's Idempotency-Keys, as the table holds them between purges.
            // With only the seed's few hundred, a sequential scan is rightly the cheapest plan.
            await using (var keys = new NpgsqlCommand(
                $"""
                INSERT INTO idempotency_records (key_name, key, request_hash, status, body, created_at)
                SELECT 'newsroom-' || n % 5, 'earlier-post-' || n, md5(n::text) || md5(n::text), 201, repeat('x', 1500), now() - n % 1380 * interval '1 minute'
                FROM generate_series(1, {IdempotencyKeys}) AS n
                """,
                connection))
            {
                await keys.ExecuteNonQueryAsync();
            }

            // The application's tables only: the shared catalogs are not this user's to vacuum.
            await using (var analyze = new NpgsqlCommand($"VACUUM (ANALYZE) {string.Join(", ", LargeTables.Concat(["leaders", "leader_names", "topics", "sources"]))}", connection))
            {
                await analyze.ExecuteNonQueryAsync();
            }

            await using var sizes = new NpgsqlCommand("SELECT relname, reltuples::bigint, relpages FROM pg_class WHERE relkind = 'r' AND relname = ANY(@tables) ORDER BY relpages DESC", connection);
            sizes.Parameters.AddWithValue("tables", LargeTables.ToArray());
            var tables = new List<string>();
            await using (var reader = await sizes.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add($"{reader.GetString(0)} {reader.GetInt64(1)} rows / {reader.GetInt32(2)} pages");
                }
            }

            Seeding = $"{steps}, {IdempotencyKeys} earlier idempotency records, analysed; {clock.Elapsed.TotalSeconds:F1} s in all. {string.Join(", ", tables)}";
        }

        /// <summary>Seeds through the API and says how long each step took.</summary>
        private async Task<string> SeedAsync()
        {
            var leaders = await Client.GetAllPagesAsync<LeaderResponse>("/api/leaders");
            var sources = await Client.GetAllPagesAsync<SourceResponse>("/api/sources");
            foreach (var (slug, country) in WireServices.Zip(new[] { "GB", "JP", "BR" }))
            {
                using var created = await Client.PostAsJsonAsync("/api/sources", new { slug, name = $"{slug} service", country, url = $"https://{slug}.example.org" });
                await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
            }

            Corpus = ReadoutCorpus.Generate(leaders, sources, WireServices, Readouts, seed: 20251124);

            // The archive arrives in batches; the newest readouts one by one, each with an
            // Idempotency-Key, as a newsroom tool posts them (a day's records in idempotency_records).
            var clock = Stopwatch.StartNew();
            var batched = Corpus.Readouts.Count - SinglePosts;
            var ids = new List<long>();
            foreach (var (chunk, i) in Corpus.Readouts.Take(batched).Chunk(ReadoutBatch.MaxItems).Select((chunk, i) => (chunk, i)))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/readouts/batch") { Content = JsonContent.Create(chunk) };
                request.Headers.Add("Idempotency-Key", $"seed-batch-{i}");
                using var response = await Client.SendAsync(request);
                await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
                var answer = (await response.Content.ReadFromJsonAsync<BatchAnswer>())!;
                Assert.True(answer.Failed == 0, $"Seeding batch {i}: {answer.Failed} readouts failed, e.g. {string.Join("; ", answer.Items.Where(r => r.Id is null).Take(3).Select(r => r.Problem?.ToString()))}");
                ids.AddRange(answer.Items.Select(r => r.Id!.Value));
            }

            var batches = clock.Elapsed;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4 };
            await Parallel.ForEachAsync(Enumerable.Range(batched, SinglePosts), parallel, async (index, ct) =>
            {
                using var response = await Client.PostWithKeyAsync("/api/readouts", Corpus.Readouts[index], $"seed-post-{index}");
                await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
            });

            var posts = clock.Elapsed;

            // Sources correct some readouts: their earlier versions fill readout_revisions.
            var corrected = Enumerable.Range(0, Corrections).Select(n => n * (ids.Count / Corrections)).ToList();
            await Parallel.ForEachAsync(corrected, parallel, async (index, ct) =>
            {
                var correction = Corpus.Readouts[index] with { Body = $"{Corpus.Readouts[index].Body} (corrected)" };
                using var response = await Client.PutReadoutAsync(ids[index], correction, "\"1\"");
                await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            });
            CorrectedReadoutId = ids[corrected[^1]];
            return $"{batched} readouts in batches in {batches.TotalSeconds:F1} s, {SinglePosts} one by one in {(posts - batches).TotalSeconds:F1} s, "
                + $"{Corrections} corrections in {(clock.Elapsed - posts).TotalSeconds:F1} s";
        }

        private sealed record BatchAnswer(int Created, int Failed, List<BatchItem> Items);

        private sealed record BatchItem(int Status, long? Id, JsonElement? Problem);

        public Task DisposeAsync()
        {
            Client.Dispose();
            Recorder.Dispose();
            return ((IAsyncLifetime)Api).DisposeAsync();
        }
    }
}
