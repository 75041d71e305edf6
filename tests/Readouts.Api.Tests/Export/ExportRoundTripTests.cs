using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Sources;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Export;

/// <summary>
/// The export restores: the NDJSON export of a database, posted into an empty one through the
/// batch, gives the same calls with the same readouts. On the test corpus (<see cref="ReadoutCorpus"/>),
/// with some readouts corrected and some deleted, and a few in other scripts.
/// </summary>
public sealed class ExportRoundTripTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private const int CorpusReadouts = 2500;

    private static readonly string[] WireServices = ["global-wire", "asia-wire", "americas-wire"];

    [Fact]
    public async Task The_export_posted_into_an_empty_database_gives_the_same_calls_with_the_same_readouts()
    {
        var origin = api.CreateWriter();
        await AddWireServicesAsync(origin);
        var ids = await SeedAsync(origin);
        await ChangeSomeAsync(origin, ids);
        var (exported, lines, _) = await origin.ExportReadoutsAsync();
        Assert.True(exported.Count > CorpusReadouts - 10, $"The export holds {exported.Count} readouts of the {CorpusReadouts} and more seeded.");

        await using var empty = new ReadoutsApiFactory();
        await ((IAsyncLifetime)empty).InitializeAsync();
        try
        {
            var restored = empty.CreateWriter();
            await AddWireServicesAsync(restored);
            await restored.PostNdJsonBatchesAsync(lines);
            var (again, _, _) = await restored.ExportReadoutsAsync();

            AssertSameReadouts(exported, again);
            var (originCalls, restoredCalls) = (Calls(exported), Calls(again));
            var missing = originCalls.Keys.Except(restoredCalls.Keys).ToList();
            var extra = restoredCalls.Keys.Except(originCalls.Keys).ToList();
            Assert.True(
                missing.Count == 0 && extra.Count == 0,
                $"The restored database groups the readouts into other calls: {missing.Count} calls lost (e.g. {missing.FirstOrDefault()}), {extra.Count} new (e.g. {extra.FirstOrDefault()}).");

            // Call by call, what the CSV says: date, leaders, sources and the subjects they share.
            var originRows = await CallRowsAsync(origin, originCalls);
            var restoredRows = await CallRowsAsync(restored, restoredCalls);
            var differing = originRows.Where(r => restoredRows[r.Key] != r.Value).Select(r => $"{r.Key}: {r.Value} / {restoredRows[r.Key]}").ToList();
            Assert.True(differing.Count == 0, $"{differing.Count} calls' CSV rows differ once restored, e.g. {differing.FirstOrDefault()}");
        }
        finally
        {
            await ((IAsyncLifetime)empty).DisposeAsync();
        }
    }

    private static async Task AddWireServicesAsync(HttpClient client)
    {
        foreach (var (slug, country) in WireServices.Zip(new[] { "GB", "JP", "BR" }))
        {
            using var created = await client.PostAsJsonAsync("/api/sources", new { slug, name = $"{slug} service", country, url = $"https://{slug}.example.org" });
            await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        }
    }

    /// <summary>The corpus in batches, then a few readouts one by one in other scripts; the ids in posting order.</summary>
    private static async Task<List<long>> SeedAsync(HttpClient client)
    {
        var leaders = await client.GetAllPagesAsync<LeaderResponse>("/api/leaders");
        var sources = await client.GetAllPagesAsync<SourceResponse>("/api/sources");
        var corpus = ReadoutCorpus.Generate(leaders, sources, WireServices, CorpusReadouts, seed: 26);
        var ids = new List<long>();
        foreach (var chunk in corpus.Readouts.Chunk(ReadoutBatch.MaxItems))
        {
            using var response = await client.PostAsJsonAsync("/api/readouts/batch", chunk);
            await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.All(i => i.GetProperty("status").GetInt32() == 201), $"Seeding refused readouts: {items.FirstOrDefault(i => i.GetProperty("status").GetInt32() != 201)}");
            ids.AddRange(items.Select(i => i.GetProperty("id").GetInt64()));
        }

        var date = TestData.NewDate();
        ReadoutRequest[] scripts =
        [
            TestData.Readout("asia-wire", date, "Xi Jinping", "Putin") with
            {
                Language = "zh", Title = "习近平同俄罗斯总统普京通电话", Topics = ["双边关系", "乌克兰"],
                Statements = [new StatementRequest { Speaker = "习近平", Text = "中方愿同俄方加强战略协作。" }],
                Body = "国家主席习近平同俄罗斯总统普京通电话。两国元首就乌克兰局势交换了意见。",
            },
            TestData.Readout("global-wire", date, "Putin", "Xi Jinping") with
            {
                Language = "ru", Title = "Телефонный разговор с Председателем КНР Си Цзиньпином", PublishedAt = null, Topics = [],
                Statements = [new StatementRequest { Speaker = null, Text = "Лидеры договорились о продолжении контактов." }],
                Body = "Состоялся телефонный разговор с Председателем Китайской Народной Республики Си Цзиньпином.",
            },
            TestData.Readout("global-wire", TestData.NewDate(), "Erdoğan", "Putin") with
            {
                Language = "ar", Title = "اتصال هاتفي بين أردوغان وبوتين", Topics = ["العلاقات الثنائية", "Trade, energy and \"security\""],
                Body = "أجرى الرئيس رجب طيب أردوغان اتصالا هاتفيا مع الرئيس فلاديمير بوتين.",
            },
        ];
        foreach (var readout in scripts)
        {
            ids.Add((await client.PostReadoutAsync(readout)).Id);
        }

        return ids;
    }

    /// <summary>Sources correct some readouts and withdraw a few that are calls of their own.</summary>
    private static async Task ChangeSomeAsync(HttpClient client, List<long> ids)
    {
        var (before, _, _) = await client.ExportReadoutsAsync();
        var byId = before.ToDictionary(r => r.Id);
        foreach (var id in ids.Where((_, i) => i % 250 == 7))
        {
            var line = byId[id];
            var correction = new ReadoutRequest
            {
                Source = line.Source,
                Language = line.Language,
                CallDate = line.CallDate,
                PublishedAt = line.PublishedAt,
                Title = $"{line.Title} (corrected)",
                Url = line.Url,
                Leaders = [.. line.Leaders],
                Topics = [.. line.Topics],
                Statements = [.. line.Statements],
                Body = $"{line.Body} Corrected.",
            };
            await (await client.PutReadoutAsync(id, correction, "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        foreach (var alone in before.GroupBy(r => r.CallId).Where(g => g.Count() == 1).Select(g => g.Single()).Take(5))
        {
            await (await client.DeleteReadoutAsync(alone.Id, "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        }
    }

    private static string Key(ExportedReadout r) => $"{r.Source} {r.Url}";

    /// <summary>Each call as the sorted natural keys of its readouts, with its id.</summary>
    private static Dictionary<string, long> Calls(List<ExportedReadout> readouts) =>
        readouts.GroupBy(r => r.CallId).ToDictionary(g => string.Join(" | ", g.Select(Key).Order(StringComparer.Ordinal)), g => g.Key);

    private static async Task<Dictionary<string, string>> CallRowsAsync(HttpClient client, Dictionary<string, long> calls)
    {
        var (rows, _) = await client.ExportCallsAsync();
        var byId = rows.Skip(1).ToDictionary(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), r => string.Join(" , ", r.Skip(1)));
        Assert.True(byId.Count == calls.Count, $"The CSV lists {byId.Count} calls, the readouts tell {calls.Count}.");
        return calls.ToDictionary(c => c.Key, c => byId[c.Value]);
    }

    private static void AssertSameReadouts(List<ExportedReadout> origin, List<ExportedReadout> restored)
    {
        Assert.True(origin.Count == restored.Count, $"{origin.Count} readouts exported, {restored.Count} restored.");
        var restoredByKey = restored.ToDictionary(Key);
        foreach (var readout in origin)
        {
            Assert.True(restoredByKey.TryGetValue(Key(readout), out var copy), $"{Key(readout)} was not restored.");
            var content = (readout.Language, readout.CallDate, readout.PublishedAt, readout.Title, readout.Body);
            Assert.True(content == (copy.Language, copy.CallDate, copy.PublishedAt, copy.Title, copy.Body), $"{Key(readout)} was restored as {copy}, not {readout}.");
            Assert.True(readout.Leaders.SequenceEqual(copy.Leaders), $"{Key(readout)} was restored with leaders [{string.Join(", ", copy.Leaders)}], not [{string.Join(", ", readout.Leaders)}].");
            Assert.True(readout.Topics.Order().SequenceEqual(copy.Topics.Order()), $"{Key(readout)} was restored with labels [{string.Join(", ", copy.Topics)}], not [{string.Join(", ", readout.Topics)}].");
            Assert.True(
                readout.Statements.Select(s => (s.Speaker, s.Text)).SequenceEqual(copy.Statements.Select(s => (s.Speaker, s.Text))),
                $"{Key(readout)} was restored with statements {JsonSerializer.Serialize(copy.Statements)}, not {JsonSerializer.Serialize(readout.Statements)}.");
        }
    }
}
