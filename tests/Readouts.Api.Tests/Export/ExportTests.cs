using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Readouts.Api.Calls;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Export;

/// <summary>GET /api/export/readouts.ndjson and /api/export/calls.csv: their shapes, what they leave out, and their headers.</summary>
public sealed class ExportTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    [Fact]
    public async Task Each_line_is_a_live_readout_in_the_post_shape_with_its_id_call_and_version_in_any_script()
    {
        var source = await client.NewSourceAsync();
        ReadoutRequest[] posted =
        [
            TestData.Readout(source, TestData.NewDate(), "Путин", "Erdoğan") with
            {
                Language = "ru",
                Title = "Телефонный разговор с Президентом Турции Р.Т.Эрдоганом",
                PublishedAt = new DateTimeOffset(2001, 1, 1, 18, 30, 0, TimeSpan.FromHours(3)),
                Topics = ["Украина", "Газовый хаб"],
                Statements =
                [
                    new StatementRequest { Speaker = "Путин", Text = "Россия открыта для переговоров." },
                    new StatementRequest { Speaker = null, Text = "Стороны договорились продолжить контакты." },
                ],
                Body = "Состоялся телефонный разговор с Президентом Турецкой Республики. Обсуждалась ситуация вокруг Украины, \"газовый хаб\"\nи торговля.",
            },
            TestData.Readout(source, TestData.NewDate(), "Xi Jinping", "Putin") with
            {
                Language = "zh",
                Title = "习近平同俄罗斯总统普京通电话",
                PublishedAt = null,
                Topics = [],
                Statements = [],
                Body = "国家主席习近平同俄罗斯总统普京通电话。两国元首就双边关系交换了意见。",
            },
            TestData.Readout(source, TestData.NewDate(), "Erdoğan", "Putin") with
            {
                Language = "ar",
                Title = "اتصال هاتفي بين الرئيس أردوغان والرئيس بوتين",
                Topics = ["العلاقات الثنائية"],
                Statements = [new StatementRequest { Speaker = "recep-tayyip-erdogan", Text = "تركيا مستعدة للمساهمة في السلام." }],
                Body = "أجرى الرئيس رجب طيب أردوغان اتصالا هاتفيا مع الرئيس فلاديمير بوتين.",
            },
        ];
        var stored = new List<ReadoutResponse>();
        foreach (var request in posted)
        {
            stored.Add(await client.PostReadoutAsync(request));
        }

        var (readouts, lines, response) = await client.ExportReadoutsAsync();

        Assert.Equal(ReadoutBatch.NdJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".ndjson", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var ours = new List<string>();
        foreach (var (request, readout) in posted.Zip(stored))
        {
            var index = readouts.FindIndex(r => r.Id == readout.Id);
            Assert.True(index >= 0, $"Readout {readout.Id} ({request.Language}) is not in the export.");
            var line = readouts[index];
            var what = $"the {request.Language} readout's line";
            Assert.True(line.CallId == readout.CallId && line.Version == readout.Version, $"{what} gives call {line.CallId} version {line.Version}, not {readout.CallId} version {readout.Version}.");
            Assert.True(
                (line.Source, line.Language, line.CallDate, line.Title, line.Url, line.Body) == (request.Source, request.Language, request.CallDate!.Value, request.Title, request.Url, request.Body),
                $"{what} does not give the posted source, language, date, title, URL and body: {lines[index]}");
            Assert.True(line.PublishedAt == request.PublishedAt, $"{what} gives publishedAt {line.PublishedAt:O}, not {request.PublishedAt:O}.");
            Assert.True(line.Leaders.SequenceEqual(readout.Leaders.Select(l => l.Slug)), $"{what} gives leaders [{string.Join(", ", line.Leaders)}], not the stored ones' slugs by name.");
            Assert.True(line.Topics.Order().SequenceEqual(request.Topics!.Order()), $"{what} gives topics [{string.Join(", ", line.Topics)}], not the posted labels [{string.Join(", ", request.Topics!)}].");
            Assert.True(
                line.Statements.Select(s => (s.Speaker, s.Text)).SequenceEqual(readout.Statements.Select(s => (s.Speaker?.Slug, (string?)s.Text))),
                $"{what} gives statements {JsonSerializer.Serialize(line.Statements)}, not the stored ones with their speakers' slugs.");
            Assert.DoesNotContain("\\u", lines[index], StringComparison.Ordinal);
            ours.Add(lines[index]);
        }

        // Each line is a post as it is: sent back, it is the identical resend of what is stored.
        using var content = new StringContent(string.Join('\n', ours), Encoding.UTF8, ReadoutBatch.NdJson);
        using var resent = await client.PostAsync("/api/readouts/batch", content);
        await resent.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var answer = await resent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("unchanged").GetInt32() == ours.Count, $"The exported lines, posted back, were not all identical resends (200): {answer}");
    }

    [Fact]
    public async Task Deleted_readouts_are_left_out_and_a_corrected_one_is_at_its_current_version()
    {
        var source = await client.NewSourceAsync();
        var kept = await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Macron", "Modi"));
        var deleted = await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Macron", "Modi"));
        var original = TestData.Readout(source, TestData.NewDate(), "Macron", "Modi");
        var corrected = await client.PostReadoutAsync(original);
        await (await client.DeleteReadoutAsync(deleted.Id, "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await client.PutReadoutAsync(corrected.Id, original with { Title = "Corrected title", Body = "The corrected body." }, "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var (readouts, _, _) = await client.ExportReadoutsAsync();

        Assert.Contains(readouts, r => r.Id == kept.Id);
        Assert.DoesNotContain(readouts, r => r.Id == deleted.Id);
        var line = readouts.Single(r => r.Id == corrected.Id);
        Assert.True((line.Version, line.Title, line.Body) == (2, "Corrected title", "The corrected body."), $"The corrected readout is exported as version {line.Version}, '{line.Title}': '{line.Body}'.");
        Assert.Equal(readouts.Select(r => r.Id).Order(), readouts.Select(r => r.Id));
    }

    [Fact]
    public async Task The_calls_csv_parses_back_with_quotes_commas_line_breaks_non_latin_names_and_formulas_defused()
    {
        var (first, second) = (await client.NewSourceAsync("a"), await client.NewSourceAsync("b"));
        var date = TestData.NewDate();
        List<string?> labels = ["Trade, energy and \"security\"", "Gas\r\nhub", "Газовый хаб", "=1+2"];
        var call = (await client.PostReadoutAsync(TestData.Readout(first, date, "Erdoğan", "Putin") with { Topics = labels })).CallId;
        Assert.Equal(call, (await client.PostReadoutAsync(TestData.Readout(second, date, "Erdoğan", "Putin") with { Topics = [.. labels, "Only one side"] })).CallId);
        var alone = await client.PostReadoutAsync(TestData.Readout(first, TestData.NewDate(), "Erdoğan", "Putin"));

        var (rows, response) = await client.ExportCallsAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        Assert.Equal(["id", "date", "leaders", "sources", "shared_topics"], rows[0]);
        Assert.All(rows, r => Assert.True(r.Length == 5, $"A row has {r.Length} fields, not 5: [{string.Join(" | ", r)}]"));

        var row = rows.Single(r => r[0] == call.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{call}/comparison");
        Assert.Equal(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row[1]);
        Assert.Equal("Recep Tayyip Erdoğan; Vladimir Putin", row[2]);
        Assert.Equal(string.Join("; ", new[] { first, second }.Order(StringComparer.Ordinal)), row[3]);
        // The first name is the formula's ('=' sorts before letters): the cell starts with an apostrophe.
        var shared = comparison.SharedTopics.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        Assert.True(row[4] == "'" + string.Join("; ", shared), $"The shared topics' cell is \"{row[4]}\", not the comparison's [{string.Join(", ", shared)}] behind an apostrophe.");
        Assert.True(
            shared.Contains("Trade, energy and \"security\"") && shared.Contains("Газовый хаб") && shared.Contains("=1+2") && shared.Any(n => n.StartsWith("Gas", StringComparison.Ordinal) && n.Contains('\n', StringComparison.Ordinal)),
            $"The labels both sides gave are not all among the shared topics [{string.Join(", ", shared)}].");
        Assert.DoesNotContain("Only one side", row[4], StringComparison.Ordinal);

        var single = rows.Single(r => r[0] == alone.CallId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(single[3] == first && single[4] == "", $"A call one source told shares no topics, yet its row is [{string.Join(" | ", single)}].");
    }

    [Fact]
    public async Task Exports_are_public_reads_that_name_their_file()
    {
        using var anonymous = api.CreateClient();

        using var readouts = await anonymous.GetAsync("/api/export/readouts.ndjson");
        using var calls = await anonymous.GetAsync("/api/export/calls.csv");

        await readouts.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await calls.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Matches(@"^readouts-\d{4}-\d{2}-\d{2}\.ndjson$", readouts.Content.Headers.ContentDisposition?.FileName);
        Assert.Matches(@"^calls-\d{4}-\d{2}-\d{2}\.csv$", calls.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("no-store", readouts.Headers.CacheControl?.ToString());
    }
}
