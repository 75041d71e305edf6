using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Readouts;

/// <summary>POST /api/readouts/batch: each item stored and linked as by POST /api/readouts, failing alone.</summary>
public sealed class BatchImportTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private const string BatchUrl = "/api/readouts/batch";

    private readonly HttpClient client = api.CreateWriter();

    [Fact]
    public async Task Both_sides_of_a_call_are_stored_and_linked_while_bad_items_between_them_fail_alone()
    {
        var date = TestData.NewDate();
        var presidency = await client.NewSourceAsync("presidency");
        var kremlin = await client.NewSourceAsync("kremlin");
        var refused = await client.NewSourceAsync("refused");
        var turkishSide = TestData.Readout(presidency, date, "Erdoğan", "Putin");
        var russianSide = TestData.Readout(kremlin, date.AddDays(1), "Путин", "Erdogan");
        var unknownLeader = Json(TestData.Readout(refused, date, "Putin", "Zyxwv Qwertyuiop"));
        var impossibleDate = Json(TestData.Readout(refused, date, "Putin", "Erdoğan"));
        impossibleDate["callDate"] = "2025-02-30";

        var batch = await ImportAsync(new JsonArray(Json(turkishSide), unknownLeader, impossibleDate, Json(russianSide)));

        batch.ShouldHaveStatuses(201, 422, 400, 201);
        batch.ShouldCount(created: 2, unchanged: 0, failed: 2);
        var first = batch.Item(0, HttpStatusCode.Created);
        var last = batch.Item(3, HttpStatusCode.Created);
        Assert.True(first.CallId == last.CallId, $"The two sides of one call were linked to calls {first.CallId} and {last.CallId}: {batch.Json}");
        Assert.True(batch.Problem(1).Errors?.Keys.SequenceEqual(["leaders[1]"]) == true, $"The unknown leader is not named as leaders[1] alone: {batch.Json}");
        Assert.True(batch.Problem(2).Errors?.ContainsKey("callDate") == true, $"The impossible date is not named as callDate: {batch.Json}");

        var call = await client.GetJsonAsync<CallDetails>($"/api/calls/{first.CallId}");
        Assert.Equal(new[] { first.Id!.Value, last.Id!.Value }.Order(), call.Readouts.Select(r => r.Id).Order());
        Assert.Equal(new[] { kremlin, presidency }.Order(StringComparer.Ordinal), call.Readouts.Select(r => r.Source).Order(StringComparer.Ordinal));
        Assert.Equal(date, call.Date);
        await client.ShouldHaveNoReadoutsAsync(refused);
    }

    [Fact]
    public async Task Resending_the_same_batch_answers_200_with_the_same_ids_and_stores_nothing_new()
    {
        var (readouts, sources) = await TwoCallsAsync();
        var first = await ImportAsync(readouts);
        first.ShouldHaveStatuses(201, 201, 201, 201);

        var again = await ImportAsync(readouts);

        again.ShouldHaveStatuses(200, 200, 200, 200);
        again.ShouldCount(created: 0, unchanged: 4, failed: 0);
        Assert.True(
            first.Answer.Items.Select(i => (i.Id, i.CallId)).SequenceEqual(again.Answer.Items.Select(i => (i.Id, i.CallId))),
            $"The resend gave other ids or calls.\nFirst: {first.Json}\nResend: {again.Json}");
        foreach (var source in sources)
        {
            Assert.Equal(2, (await client.GetAllPagesAsync<ReadoutSummary>($"/api/readouts?source={source}")).Count);
        }
    }

    [Fact]
    public async Task Resending_a_batch_with_one_item_changed_conflicts_for_that_item_only()
    {
        var (readouts, _) = await TwoCallsAsync();
        var first = await ImportAsync(readouts);
        first.ShouldHaveStatuses(201, 201, 201, 201);
        var changed = readouts.ToList();
        changed[2] = changed[2] with { Body = "A corrected text." };

        var again = await ImportAsync(changed);

        again.ShouldHaveStatuses(200, 200, 409, 200);
        again.ShouldCount(created: 0, unchanged: 3, failed: 1);
        Assert.Contains($"Readout {first.Answer.Items[2].Id}", again.Problem(2).Detail, StringComparison.Ordinal);
        var stored = await client.GetJsonAsync<ReadoutResponse>($"/api/readouts/{first.Answer.Items[2].Id}");
        Assert.Equal((1, readouts[2].Body), (stored.Version, stored.Body));
    }

    [Fact]
    public async Task An_identical_copy_of_an_item_in_the_same_batch_answers_200_with_the_first_ones_id()
    {
        var readout = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Lula", "Milei");

        // Leaders spelled differently still make the same content.
        var batch = await ImportAsync([readout, readout with { Leaders = ["javier-milei", "luiz-inacio-lula-da-silva"] }]);

        batch.ShouldHaveStatuses(201, 200);
        batch.ShouldCount(created: 1, unchanged: 1, failed: 0);
        var (first, copy) = (batch.Item(0, HttpStatusCode.Created), batch.Item(1, HttpStatusCode.OK));
        Assert.True((first.Id, first.CallId) == (copy.Id, copy.CallId), $"The copy did not answer with the first item's readout and call: {batch.Json}");
        Assert.Single(await client.GetAllPagesAsync<ReadoutSummary>($"/api/readouts?source={readout.Source}"));
    }

    [Fact]
    public async Task The_same_source_and_url_with_other_content_in_the_same_batch_is_a_409_for_the_second()
    {
        var readout = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Lula", "Milei");

        var batch = await ImportAsync([readout, readout with { Body = "Another text at the same address." }]);

        batch.ShouldHaveStatuses(201, 409);
        batch.ShouldCount(created: 1, unchanged: 0, failed: 1);
        var stored = Assert.Single(await client.GetAllPagesAsync<ReadoutSummary>($"/api/readouts?source={readout.Source}"));
        Assert.Equal(batch.Answer.Items[0].Id, stored.Id);
        Assert.Equal(readout.Body, (await client.GetJsonAsync<ReadoutResponse>($"/api/readouts/{stored.Id}")).Body);
    }

    [Fact]
    public async Task An_ndjson_body_is_imported_line_by_line_and_a_line_that_does_not_read_fails_alone()
    {
        var date = TestData.NewDate();
        var elysee = await client.NewSourceAsync("elysee");
        var chancellery = await client.NewSourceAsync("chancellery");
        var refused = await client.NewSourceAsync("refused");
        var wrongType = Json(TestData.Readout(refused, date, "Macron", "Merz"));
        wrongType["callDate"] = 5;
        var notJson = $"{{\"source\": \"{refused}\", \"language\": ";

        // Blank lines between items; the first line ends in CRLF, as a Windows tool would write it.
        var body = $"{Line(TestData.Readout(elysee, date, "Macron", "Merz"))}\r\n\n{notJson}\n   \n{wrongType.ToJsonString()}\n{Line(TestData.Readout(chancellery, date, "Merz", "Macron"))}";
        var batch = await ImportAsync(new StringContent(body, Encoding.UTF8, ReadoutBatch.NdJson));

        batch.ShouldHaveStatuses(201, 400, 400, 201);
        batch.ShouldCount(created: 2, unchanged: 0, failed: 2);
        Assert.True(batch.Problem(1).Errors is { Count: > 0 }, $"The line that is not JSON names no field: {batch.Json}");
        Assert.True(batch.Problem(2).Errors?.ContainsKey("callDate") == true, $"The wrong-typed callDate is not named: {batch.Json}");
        Assert.True(batch.Answer.Items[0].CallId == batch.Answer.Items[3].CallId, $"The two sides were not linked: {batch.Json}");
        await client.ShouldHaveNoReadoutsAsync(refused);
    }

    [Fact]
    public async Task A_batch_of_more_than_1000_readouts_is_a_400_and_stores_nothing()
    {
        var source = await client.NewSourceAsync();
        var date = TestData.NewDate();
        var readouts = Enumerable.Range(0, ReadoutBatch.MaxItems + 1).Select(_ => TestData.Readout(source, date, "Modi", "Albanese"));

        var problem = await (await client.PostAsJsonAsync(BatchUrl, readouts)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("1000", string.Join(' ', problem.ErrorsFor("requestBody")), StringComparison.Ordinal);
        await client.ShouldHaveNoReadoutsAsync(source);
    }

    [Theory]
    [InlineData("application/json", "[]")]
    [InlineData("application/json", "{\"source\": \"kremlin\", \"language\": \"en\"}")]
    [InlineData("application/json", "[{\"source\": \"kremlin\"")]
    [InlineData("application/json", "null")]
    [InlineData(ReadoutBatch.NdJson, "\n  \n")]
    public async Task A_body_that_is_not_an_array_of_readouts_is_a_400(string mediaType, string body)
    {
        var response = await client.PostAsync(BatchUrl, new StringContent(body, Encoding.UTF8, mediaType));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.ErrorsFor("requestBody").Count > 0, $"The 400 does not say what is wrong with the body: {problem}");
    }

    [Fact]
    public async Task A_body_over_16_mebibytes_is_a_413()
    {
        var body = new byte[ReadoutBatch.MaxBodyBytes + 1];
        Array.Fill(body, (byte)' ');
        (body[0], body[^1]) = ((byte)'[', (byte)']');
        var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };

        var response = await client.PostAsync(BatchUrl, content);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("16 MiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_larger_than_the_single_posts_one_mebibyte_limit_is_accepted()
    {
        var source = await client.NewSourceAsync();
        var date = TestData.NewDate();
        var body = string.Join(' ', Enumerable.Repeat("The leaders discussed bilateral relations and regional issues.", 160));
        var readouts = Enumerable.Range(0, 160).Select(_ => TestData.Readout(source, date, "Modi", "Albanese") with { Body = body }).ToList();
        var json = JsonSerializer.SerializeToUtf8Bytes(readouts, JsonSerializerOptions.Web);
        Assert.True(json.Length > 1.5 * RequestLimits.MaxBodyBytes, $"The batch is only {json.Length} bytes.");

        var batch = await ImportAsync(new ByteArrayContent(json) { Headers = { ContentType = new("application/json") } });

        batch.ShouldCount(created: 160, unchanged: 0, failed: 0);
        Assert.Equal(160, (await client.GetAllPagesAsync<ReadoutSummary>($"/api/readouts?source={source}")).Count);
    }

    [Fact]
    public async Task A_batch_without_an_api_key_is_a_401_and_stores_nothing()
    {
        var readout = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin");
        using var anonymous = api.CreateClient();

        await (await anonymous.PostAsJsonAsync(BatchUrl, new[] { readout })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        await client.ShouldHaveNoReadoutsAsync(readout.Source!);
    }

    [Fact]
    public async Task A_batch_sent_as_plain_text_is_a_415_and_stores_nothing()
    {
        var readout = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin");

        var response = await client.PostAsync(BatchUrl, new StringContent(Line(readout), Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await client.ShouldHaveNoReadoutsAsync(readout.Source!);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_replays_the_first_answer()
    {
        var (readouts, sources) = await TwoCallsAsync();
        var key = Guid.NewGuid().ToString();

        var first = await client.PostWithKeyAsync(BatchUrl, readouts, key);
        var retry = await client.PostWithKeyAsync(BatchUrl, readouts, key);

        await first.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await retry.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var (firstBody, retryBody) = (await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(firstBody == retryBody, $"The replay differs from the first answer.\nFirst: {firstBody}\nReplay: {retryBody}");
        Assert.Contains("\"created\":4", firstBody, StringComparison.Ordinal);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"), "The first answer was marked as a replay.");
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        foreach (var source in sources)
        {
            Assert.Equal(2, (await client.GetAllPagesAsync<ReadoutSummary>($"/api/readouts?source={source}")).Count);
        }
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_batch_is_a_422()
    {
        var (readouts, sources) = await TwoCallsAsync();
        var key = Guid.NewGuid().ToString();
        await (await client.PostWithKeyAsync(BatchUrl, readouts[..2], key)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var other = await client.PostWithKeyAsync(BatchUrl, readouts, key);

        var problem = await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("different request", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        var stored = new List<string>();
        foreach (var source in sources)
        {
            stored.AddRange((await client.GetAllPagesAsync<ReadoutSummary>($"/api/readouts?source={source}")).Select(r => r.Url));
        }

        Assert.Equal(readouts[..2].Select(r => r.Url!).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_batch_groups_readouts_into_calls_exactly_as_posting_them_one_by_one_does()
    {
        var oneByOne = await LinkingScenarioAsync();
        var posted = new List<ReadoutResponse>();
        foreach (var readout in oneByOne.Readouts)
        {
            posted.Add(await client.PostReadoutAsync(readout));
        }

        var batched = await LinkingScenarioAsync();
        var batch = await ImportAsync(batched.Readouts);
        batch.ShouldCount(created: batched.Readouts.Count, unchanged: 0, failed: 0);

        var expected = LinkingScenario.ExpectedGrouping;
        var byPosts = await GroupingAsync(posted.Select(p => p.CallId).ToList(), oneByOne.FirstDay);
        var byBatch = await GroupingAsync(batch.Answer.Items.Select(i => i.CallId!.Value).ToList(), batched.FirstDay);
        Assert.True(
            byPosts.SequenceEqual(byBatch),
            $"Items share calls (index of the call's first item, @ day of the call) differently.\nOne by one: {string.Join(", ", byPosts)}\nAs a batch: {string.Join(", ", byBatch)}");
        Assert.True(
            byPosts.Select(g => g.FirstItem).SequenceEqual(expected),
            $"The grouping breaks the linking rules.\nExpected:   {string.Join(", ", expected)}\nOne by one: {string.Join(", ", byPosts)}");
    }

    [Fact]
    public async Task Call_filters_find_a_batch_imported_call_and_follow_its_corrections_and_deletions()
    {
        var date = TestData.NewDate();
        var (planalto, casaRosada) = (await client.NewSourceAsync("planalto"), await client.NewSourceAsync("casa-rosada"));
        var (oldTopic, newTopic, otherTopic) = ($"Grain corridor {Guid.NewGuid():N}", $"Lithium trade {Guid.NewGuid():N}", $"Mercosur {Guid.NewGuid():N}");
        var brazilianSide = TestData.Readout(planalto, date, "Lula", "Milei") with
        {
            Topics = [oldTopic],
            Body = "The presidents negotiated the terms of a grain corridor.",
        };
        var argentineSide = TestData.Readout(casaRosada, date, "Milei", "Lula") with { Topics = [otherTopic] };
        var batch = await ImportAsync([brazilianSide, argentineSide]);
        batch.ShouldHaveStatuses(201, 201);
        var callId = batch.Answer.Items[0].CallId!.Value;
        var window = $"from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}";

        await CallsShouldIncludeAsync(callId, $"topic={Uri.EscapeDataString(oldTopic)}");
        await CallsShouldIncludeAsync(callId, $"topic={Uri.EscapeDataString(otherTopic)}");
        await CallsShouldIncludeAsync(callId, $"source={planalto}");
        await CallsShouldIncludeAsync(callId, $"source={casaRosada}");
        await CallsShouldIncludeAsync(callId, $"q=negotiations&{window}");
        await CallsShouldIncludeAsync(callId, $"leader=lula&leader=milei&{window}");
        await CallsShouldIncludeAsync(callId, $"leader=milei&leader=putin&{window}", expected: false);

        var brazilianId = batch.Answer.Items[0].Id!.Value;
        await (await client.PutReadoutAsync(brazilianId, brazilianSide with { Topics = [newTopic] }, "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await CallsShouldIncludeAsync(callId, $"topic={Uri.EscapeDataString(oldTopic)}", expected: false);
        await CallsShouldIncludeAsync(callId, $"topic={Uri.EscapeDataString(newTopic)}");

        await (await client.DeleteReadoutAsync(batch.Answer.Items[1].Id!.Value, "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        await CallsShouldIncludeAsync(callId, $"source={casaRosada}", expected: false);
        await CallsShouldIncludeAsync(callId, $"topic={Uri.EscapeDataString(otherTopic)}", expected: false);
        await CallsShouldIncludeAsync(callId, $"source={planalto}");
    }

    [Fact]
    public async Task A_call_created_or_joined_by_a_batch_gathers_the_same_date_topics_sources_and_words_as_a_refresh_would()
    {
        var scenario = await LinkingScenarioAsync();
        var readouts = scenario.Readouts.Select((r, i) => r with { Topics = [$"Topic {i % 3} {Guid.NewGuid():N}"] }).ToList();
        // Half first, so that the second batch both creates calls and joins calls of the first.
        var first = await ImportAsync(readouts.Take(8));
        var second = await ImportAsync(readouts.Skip(8));
        var callIds = first.Answer.Items.Concat(second.Answer.Items).Select(i => i.CallId!.Value).Distinct().ToArray();

        const string Facets = "SELECT id::text, date::text, topic_ids::text, source_ids::text, search_vector::text FROM calls WHERE id = ANY(@ids) ORDER BY id";
        var stored = await ReadRowsAsync(Facets, callIds);
        await ReadRowsAsync($"{CallLinker.RefreshSql} WHERE c.id = ANY(@ids)", callIds);
        var refreshed = await ReadRowsAsync(Facets, callIds);

        Assert.Equal(callIds.Length, stored.Count);
        foreach (var (before, after) in stored.Zip(refreshed))
        {
            var (storedFacets, gatheredFacets) = (string.Join(" ", before.Take(4)), string.Join(" ", after.Take(4)));
            Assert.True(storedFacets == gatheredFacets, $"Call (id date topics sources) was stored as {storedFacets}; its readouts give {gatheredFacets}.");
            Assert.True(
                Lexemes(before[4]).SetEquals(Lexemes(after[4])),
                $"Call {before[0]} was stored with the words {before[4]}; its readouts give {after[4]}.");
        }
    }

    // ---- Helpers ----

    /// <summary>Posts a batch as a JSON array and expects the 200 with per-item results.</summary>
    private Task<Batch> ImportAsync(IEnumerable<ReadoutRequest> readouts) =>
        ImportAsync(JsonContent.Create(readouts.ToList(), options: JsonSerializerOptions.Web));

    private Task<Batch> ImportAsync(JsonArray items) =>
        ImportAsync(new StringContent(items.ToJsonString(), Encoding.UTF8, "application/json"));

    private async Task<Batch> ImportAsync(HttpContent body)
    {
        var response = await client.PostAsync(BatchUrl, body);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var json = await response.Content.ReadAsStringAsync();
        return new Batch(JsonSerializer.Deserialize<BatchResponse>(json, JsonSerializerOptions.Web)!, json);
    }

    /// <summary>Runs SQL on the test database with @ids bound; each row's columns as text.</summary>
    private async Task<List<string[]>> ReadRowsAsync(string sql, long[] ids)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToArray());
        }

        return rows;
    }

    /// <summary>A tsvector's words with their weights, without positions (which depend on the order readouts are joined in).</summary>
    private static HashSet<string> Lexemes(string vector) => vector
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(entry => entry.LastIndexOf("':", StringComparison.Ordinal) is var end and > 0
            ? entry[..(end + 1)] + string.Concat(entry[(end + 2)..].Where(char.IsAsciiLetterUpper).Distinct().Order())
            : entry)
        .ToHashSet(StringComparer.Ordinal);

    private static JsonObject Json(ReadoutRequest readout) => JsonSerializer.SerializeToNode(readout, JsonSerializerOptions.Web)!.AsObject();

    private static string Line(ReadoutRequest readout) => JsonSerializer.Serialize(readout, JsonSerializerOptions.Web);

    /// <summary>Both sides of two calls on consecutive days, from two fresh sources: four readouts.</summary>
    private async Task<(ReadoutRequest[] Readouts, string[] Sources)> TwoCallsAsync()
    {
        var date = TestData.NewDate();
        var (kremlin, presidency) = (await client.NewSourceAsync("kremlin"), await client.NewSourceAsync("presidency"));
        return (
            [
                TestData.Readout(kremlin, date, "Putin", "Erdoğan"),
                TestData.Readout(presidency, date, "Erdoğan", "Putin"),
                TestData.Readout(kremlin, date.AddDays(1), "Putin", "Erdoğan"),
                TestData.Readout(presidency, date.AddDays(1), "Erdoğan", "Putin"),
            ],
            [kremlin, presidency]);
    }

    private async Task CallsShouldIncludeAsync(long callId, string query, bool expected = true)
    {
        var found = await client.GetAllPagesAsync<CallSummary>($"/api/calls?{query}");
        Assert.True(
            found.Any(c => c.Id == callId) == expected,
            $"GET /api/calls?{query} {(expected ? "does not find" : "still finds")} call {callId}; it found [{string.Join(", ", found.Select(c => $"{c.Id}: {string.Join('/', c.Sources)} {string.Join('/', c.Topics.Select(t => t.Name))}"))}].");
    }

    /// <summary>For each item, the index of the first item in its call and the call's day (from the scenario's first day).</summary>
    private async Task<List<(int FirstItem, int Day)>> GroupingAsync(List<long> callIds, DateOnly firstDay)
    {
        var days = new Dictionary<long, int>();
        foreach (var callId in callIds.Distinct())
        {
            days[callId] = (await client.GetJsonAsync<CallDetails>($"/api/calls/{callId}")).Date.DayNumber - firstDay.DayNumber;
        }

        return callIds.Select(callId => (callIds.IndexOf(callId), days[callId])).ToList();
    }

    private async Task<LinkingScenario> LinkingScenarioAsync()
    {
        var sources = new[] { await client.NewSourceAsync("a"), await client.NewSourceAsync("b"), await client.NewSourceAsync("c"), await client.NewSourceAsync("d") };
        var firstDay = TestData.NewDate();
        return new LinkingScenario(
            firstDay,
            LinkingScenario.Items.Select(i => TestData.Readout(sources[i.Source], firstDay.AddDays(i.Day), i.Leaders) with { Language = i.Language }).ToList());
    }

    /// <summary>
    /// Seventeen readouts of four pairs of leaders, interleaved, from four sources (0–3), that
    /// exercise every linking rule; posted in this order.
    /// </summary>
    private sealed record LinkingScenario(DateOnly FirstDay, IReadOnlyList<ReadoutRequest> Readouts)
    {
        private static readonly string[] Turkey = ["Erdoğan", "Putin"];
        private static readonly string[] Europe = ["Macron", "Merz"];
        private static readonly string[] Pacific = ["Donald Trump", "Sanae Takaichi"];
        private static readonly string[] Ukraine = ["Keir Starmer", "Volodymyr Zelenskyy"];

        public static readonly (string[] Leaders, int Source, int Day, string Language)[] Items =
        [
            (Turkey, 0, 0, "en"),   //  0: new call A
            (Europe, 2, 1, "fr"),   //  1: new call B
            (Turkey, 1, 1, "ru"),   //  2: joins A, a day later
            (Turkey, 0, 0, "tr"),   //  3: joins A, source 0's second language
            (Pacific, 0, 2, "en"),  //  4: new call C
            (Turkey, 0, 0, "en"),   //  5: new call D, source 0 already has an English readout in A
            (Europe, 3, 2, "de"),   //  6: joins B, a day later
            (Turkey, 1, 0, "ru"),   //  7: joins D, A has source 1 in Russian
            (Pacific, 1, 3, "en"),  //  8: joins C, a day later
            (Europe, 2, 1, "fr"),   //  9: new call E, B has source 2 in French
            (Ukraine, 3, 4, "en"),  // 10: new call F
            (Turkey, 0, 1, "tr"),   // 11: joins D, A has source 0 in Turkish
            (Ukraine, 2, 5, "fr"),  // 12: joins F, a day later
            (Europe, 3, 0, "de"),   // 13: joins E (which then dates from day 0), B has source 3 in German
            (Turkey, 2, 0, "en"),   // 14: joins A, the older of two calls on its day
            (Pacific, 0, 3, "en"),  // 15: new call G, C has source 0 in English
            (Pacific, 3, 3, "de"),  // 16: joins G on its own day rather than the older C a day before
        ];

        /// <summary>For each item, the first item of its call.</summary>
        public static readonly int[] ExpectedGrouping = [0, 1, 0, 0, 4, 5, 1, 5, 4, 9, 10, 5, 10, 9, 0, 15, 15];
    }

    /// <summary>A batch's 200 answer, parsed, with its text for failure messages.</summary>
    private sealed record Batch(BatchResponse Answer, string Json)
    {
        public void ShouldHaveStatuses(params int[] statuses) => Assert.True(
            Answer.Items.Select(i => i.Status).SequenceEqual(statuses) && Answer.Items.Select(i => i.Index).SequenceEqual(Enumerable.Range(0, statuses.Length)),
            $"Expected items {string.Join(", ", statuses)} in order, got {string.Join(", ", Answer.Items.Select(i => $"{i.Index}: {i.Status}"))}: {Json}");

        public void ShouldCount(int created, int unchanged, int failed) => Assert.True(
            (Answer.Created, Answer.Unchanged, Answer.Failed) == (created, unchanged, failed) && Answer.Items.Count == created + unchanged + failed,
            $"Expected created {created}, unchanged {unchanged}, failed {failed}: {Json}");

        /// <summary>A stored item (201 or 200): it has a readout and a call.</summary>
        public BatchItemResult Item(int index, HttpStatusCode status)
        {
            var item = Answer.Items[index];
            Assert.True(item.Status == (int)status && item.Id is not null && item.CallId is not null && item.Problem is null, $"Item {index} should be a stored {(int)status}: {Json}");
            return item;
        }

        /// <summary>A refused item: its problem, with the item's status, and no readout.</summary>
        public ItemProblem Problem(int index)
        {
            var item = Answer.Items[index];
            Assert.True(item is { Problem: not null, Id: null, CallId: null } && item.Problem.Status == item.Status, $"Item {index} should be refused with a problem: {Json}");
            return item.Problem!;
        }
    }
}
