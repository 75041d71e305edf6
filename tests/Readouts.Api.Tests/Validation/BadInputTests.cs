using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Validation;

/// <summary>Each bad input: a problem+json 4xx naming the field, nothing stored, never a 5xx.</summary>
public sealed class BadInputTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<ReadoutRequest> ValidReadoutAsync() =>
        TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin");

    /// <summary>Posts, expects a problem naming the field, and checks the source stored no readout.</summary>
    private async Task ShouldBeRefusedAsync(ReadoutRequest request, HttpStatusCode status, string field)
    {
        var response = await client.PostAsJsonAsync("/api/readouts", request);

        var problem = await response.ShouldBeProblemAsync(status);
        Assert.True(problem.ErrorsFor(field).Count > 0, $"The {(int)status} does not name '{field}': {problem}");
        var stored = await client.GetJsonAsync<Page<ReadoutSummary>>($"/api/readouts?source={request.Source}");
        Assert.Empty(stored.Items);
    }

    [Fact]
    public async Task Malformed_json_is_a_400()
    {
        var response = await client.PostAsync("/api/readouts", Json("{\"source\": \"kremlin\", "));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_a_415(string mediaType)
    {
        var response = await client.PostAsync("/api/readouts", new StringContent("source=kremlin", Encoding.UTF8, mediaType));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Every_missing_required_field_is_named()
    {
        var response = await client.PostAsync("/api/readouts", Json("{}"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "source", "language", "callDate", "title", "url", "leaders", "body" })
        {
            Assert.True(problem.ErrorsFor(field).Count > 0, $"A missing '{field}' is not named: {problem}");
        }
    }

    [Fact]
    public async Task Empty_fields_are_400s_naming_them()
    {
        var request = await ValidReadoutAsync();
        await ShouldBeRefusedAsync(request with { Title = "  " }, HttpStatusCode.BadRequest, "title");
        await ShouldBeRefusedAsync(request with { Body = "" }, HttpStatusCode.BadRequest, "body");
        await ShouldBeRefusedAsync(request with { Leaders = ["Putin", ""] }, HttpStatusCode.BadRequest, "leaders[1]");
    }

    [Fact]
    public async Task Fewer_than_two_leaders_is_a_400() =>
        await ShouldBeRefusedAsync(await ValidReadoutAsync() with { Leaders = ["Putin"] }, HttpStatusCode.BadRequest, "leaders");

    [Fact]
    public async Task An_unknown_source_is_a_422()
    {
        var response = await client.PostAsJsonAsync("/api/readouts", TestData.Readout("no-such-source", TestData.NewDate(), "Putin", "Erdoğan"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(problem.ErrorsFor("source"));
    }

    [Fact]
    public async Task An_unknown_leader_is_a_422() =>
        await ShouldBeRefusedAsync(await ValidReadoutAsync() with { Leaders = ["Putin", "Nobody Atall"] }, HttpStatusCode.UnprocessableEntity, "leaders[1]");

    [Fact]
    public async Task An_impossible_date_is_a_400_naming_callDate()
    {
        var request = await ValidReadoutAsync();
        var json = JsonSerializer.Serialize(request, JsonSerializerOptions.Web).Replace(request.CallDate!.Value.ToString("yyyy-MM-dd", null), "2025-02-30", StringComparison.Ordinal);

        var problem = await (await client.PostAsync("/api/readouts", Json(json))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("callDate"));
    }

    [Fact]
    public async Task Future_dates_are_400s()
    {
        var request = await ValidReadoutAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await ShouldBeRefusedAsync(request with { CallDate = today.AddDays(3) }, HttpStatusCode.BadRequest, "callDate");
        await ShouldBeRefusedAsync(request with { CallDate = today, PublishedAt = DateTimeOffset.UtcNow.AddDays(2) }, HttpStatusCode.BadRequest, "publishedAt");
    }

    [Theory]
    [InlineData("ftp://example.org/readout")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/readout")]
    [InlineData("not a url")]
    public async Task A_url_that_is_not_absolute_http_is_a_400(string url) =>
        await ShouldBeRefusedAsync(await ValidReadoutAsync() with { Url = url }, HttpStatusCode.BadRequest, "url");

    [Fact]
    public async Task A_body_over_one_mebibyte_is_a_413()
    {
        var request = await ValidReadoutAsync() with { Body = new string('a', 1_100_000) };

        var response = await client.PostAsJsonAsync("/api/readouts", request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2025-02-01&to=2025-01-01", "from")]
    [InlineData("from=2025-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("cursor=not-a-cursor!", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=abc", "limit")]
    public async Task Bad_query_parameters_are_400s_naming_them(string query, string field)
    {
        var response = await client.GetAsync($"/api/calls?{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.ErrorsFor(field).Count > 0, $"?{query} does not name '{field}': {problem}");
    }

    [Theory]
    [InlineData("/api/readouts")]
    [InlineData("/api/leaders")]
    [InlineData("/api/sources")]
    [InlineData("/api/leaders/vladimir-putin/aliases")]
    public async Task Writes_without_a_valid_key_are_401s(string path)
    {
        using var anonymous = api.CreateClient();
        await (await anonymous.PostAsync(path, Json("{}"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        using var wrongKey = api.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        await (await wrongKey.PostAsync(path, Json("{}"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/api/calls/999999")]
    [InlineData("/api/calls/999999/comparison")]
    [InlineData("/api/readouts/999999")]
    [InlineData("/api/leaders/nobody")]
    [InlineData("/api/sources/nobody")]
    [InlineData("/api/no-such-route")]
    public async Task Unknown_resources_are_404_problems(string path) =>
        await (await client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("{\"source\": 42, \"leaders\": \"Putin\"}")]
    [InlineData("{\"callDate\": 99999999999999999999999}")]
    [InlineData("{\"leaders\": [null, null], \"statements\": [null, {\"speaker\": 7}]}")]
    [InlineData("{\"topics\": [[[[[[[[[[]]]]]]]]]]}")]
    [InlineData("{\"title\": \"\\u0000\\u0001\\u001f\", \"source\": \"\\u0000\"}")]
    [InlineData("{\"statements\": [{\"speaker\": null, \"text\": null}]}")]
    public async Task Odd_bodies_are_4xx_never_5xx(string json)
    {
        var response = await client.PostAsync("/api/readouts", Json(json));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{json} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_very_long_leader_name_or_nul_character_is_a_4xx_not_a_5xx()
    {
        var request = await ValidReadoutAsync();
        var longName = await client.PostAsJsonAsync("/api/readouts", request with { Leaders = ["Putin", new string('x', 10_000)] });
        await longName.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var nul = await client.PostAsJsonAsync("/api/readouts", request with { Title = "before\0after" });
        await nul.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var nulQuery = await client.GetAsync("/api/calls?q=a%00b");
        await nulQuery.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Health_the_home_page_and_openapi_document_are_served()
    {
        using var plain = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await (await plain.GetAsync("/health/live")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await plain.GetAsync("/health/ready")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var root = await plain.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);

        var document = await plain.GetStringAsync("/swagger/v1/swagger.json");
        Assert.Contains("\"/api/readouts\"", document, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", document, StringComparison.Ordinal);
        Assert.Contains("iletisim", document, StringComparison.Ordinal);
    }

    private static readonly string[] WritePaths = ["/api/readouts", "/api/leaders", "/api/sources", "/api/leaders/vladimir-putin/aliases"];

    /// <summary>A valid readout as JSON with one field replaced (or removed, when <paramref name="json"/> is null).</summary>
    private async Task<(string Source, string Json)> ValidReadoutWithAsync(string field, string? json)
    {
        var request = await ValidReadoutAsync();
        var node = JsonSerializer.SerializeToNode(request, JsonSerializerOptions.Web)!.AsObject();
        if (json is null)
        {
            node.Remove(field);
        }
        else
        {
            node[field] = JsonNode.Parse(json);
        }

        return (request.Source!, node.ToJsonString());
    }

    private async Task ShouldBeRefusedAsync(string source, string json, HttpStatusCode status, string field)
    {
        var response = await client.PostAsync("/api/readouts", Json(json));

        var problem = await response.ShouldBeProblemAsync(status);
        Assert.True(problem.ErrorsFor(field).Count > 0, $"The {(int)status} does not name '{field}': {problem}");
        await client.ShouldHaveNoReadoutsAsync(source);
    }

    [Theory]
    [InlineData("source")]
    [InlineData("language")]
    [InlineData("callDate")]
    [InlineData("title")]
    [InlineData("url")]
    [InlineData("leaders")]
    [InlineData("body")]
    public async Task Each_missing_required_field_is_a_400_naming_it_and_stores_nothing(string field)
    {
        var (source, json) = await ValidReadoutWithAsync(field, null);

        await ShouldBeRefusedAsync(source, json, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("source", "\"\"")]
    [InlineData("source", "null")]
    [InlineData("language", "\"  \"")]
    [InlineData("language", "null")]
    [InlineData("callDate", "\"\"")]
    [InlineData("callDate", "null")]
    [InlineData("title", "\"\"")]
    [InlineData("title", "null")]
    [InlineData("url", "\"\"")]
    [InlineData("url", "null")]
    [InlineData("leaders", "[]")]
    [InlineData("leaders", "null")]
    [InlineData("body", "\" \\n \"")]
    [InlineData("body", "null")]
    public async Task Each_empty_required_field_is_a_400_naming_it_and_stores_nothing(string field, string value)
    {
        var (source, json) = await ValidReadoutWithAsync(field, value);

        await ShouldBeRefusedAsync(source, json, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("callDate", "\"2025-02-30\"")]
    [InlineData("callDate", "\"2023-02-29\"")]
    [InlineData("callDate", "\"24.11.2025\"")]
    [InlineData("callDate", "\"1899-12-31\"")]
    [InlineData("callDate", "20251124")]
    [InlineData("publishedAt", "\"yesterday\"")]
    [InlineData("publishedAt", "\"1990-01-01T10:00:00+03:00\"")]
    [InlineData("source", "\"Kremlin\"")]
    [InlineData("source", "42")]
    [InlineData("language", "\"english please\"")]
    [InlineData("leaders", "\"Putin, Erdoğan\"")]
    [InlineData("leaders", "[\"Putin\"]")]
    [InlineData("topics", "\"Trade\"")]
    [InlineData("statements", "{}")]
    [InlineData("title", "{\"text\": \"A title\"}")]
    public async Task A_value_of_the_wrong_type_or_format_is_a_400_naming_the_field_and_stores_nothing(string field, string value)
    {
        var (source, json) = await ValidReadoutWithAsync(field, value);

        await ShouldBeRefusedAsync(source, json, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_topic_without_a_letter_or_digit_is_a_400_naming_it_and_stores_nothing()
    {
        var (source, json) = await ValidReadoutWithAsync("topics", """["Trade", "..."]""");

        await ShouldBeRefusedAsync(source, json, HttpStatusCode.BadRequest, "topics[1]");
    }

    [Fact]
    public async Task A_statement_without_text_is_a_400_naming_it_and_stores_nothing()
    {
        var (source, json) = await ValidReadoutWithAsync("statements", """[{"speaker": "Putin", "text": "Fine."}, {"speaker": "Putin", "text": ""}]""");

        await ShouldBeRefusedAsync(source, json, HttpStatusCode.BadRequest, "statements[1].text");
    }

    [Fact]
    public async Task An_unknown_source_is_a_422_naming_it_and_stores_nothing_anywhere()
    {
        var source = $"unknown-{Guid.NewGuid():N}"[..20];
        var response = await client.PostAsJsonAsync("/api/readouts", TestData.Readout(source, TestData.NewDate(), "Putin", "Erdoğan"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"'{source}'", Assert.Single(problem.ErrorsFor("source")), StringComparison.Ordinal);
        await (await client.GetAsync($"/api/sources/{source}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/readouts")]
    [InlineData("/api/leaders")]
    [InlineData("/api/sources")]
    [InlineData("/api/leaders/vladimir-putin/aliases")]
    public async Task A_request_over_one_mebibyte_is_a_413_on_every_write_endpoint(string path)
    {
        var json = JsonSerializer.Serialize(new { name = new string('a', (int)RequestLimits.MaxBodyBytes), alias = "x", slug = "x", body = "x" });

        var response = await client.PostAsync(path, Json(json));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_readout_over_one_mebibyte_stores_nothing()
    {
        var request = await ValidReadoutAsync() with { Statements = [.. Enumerable.Range(0, 150).Select(_ => new StatementRequest { Speaker = "Putin", Text = new string('b', 8_000) })] };

        var response = await client.PostAsJsonAsync("/api/readouts", request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await client.ShouldHaveNoReadoutsAsync(request.Source!);
    }

    [Theory]
    [InlineData("/api/leaders", "text/plain")]
    [InlineData("/api/sources", "text/plain")]
    [InlineData("/api/leaders/vladimir-putin/aliases", "text/plain")]
    [InlineData("/api/leaders", "application/x-www-form-urlencoded")]
    [InlineData("/api/sources", "application/x-www-form-urlencoded")]
    [InlineData("/api/leaders/vladimir-putin/aliases", "application/x-www-form-urlencoded")]
    [InlineData("/api/readouts", "application/xml")]
    public async Task A_body_that_is_not_json_is_a_415_on_every_write_endpoint(string path, string mediaType)
    {
        var response = await client.PostAsync(path, new StringContent("alias=x&name=x&slug=x", Encoding.UTF8, mediaType));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Writes_without_a_valid_key_store_nothing()
    {
        var readout = await ValidReadoutAsync();
        var slug = $"keyless-{Guid.NewGuid():N}"[..20];
        using var anonymous = api.CreateClient();
        using var wrongKey = api.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey.ToUpperInvariant());

        foreach (var writer in new[] { anonymous, wrongKey })
        {
            await (await writer.PostAsJsonAsync("/api/readouts", readout)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            await (await writer.PostAsJsonAsync("/api/sources", new { slug, name = "Keyless", country = "TR", url = "https://keyless.example.org" }))
                .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        await client.ShouldHaveNoReadoutsAsync(readout.Source!);
        await (await client.GetAsync($"/api/sources/{slug}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reads_need_no_key()
    {
        using var anonymous = api.CreateClient();

        foreach (var path in new[] { "/api/calls", "/api/readouts", "/api/leaders", "/api/leaders/vladimir-putin", "/api/sources", "/api/sources/kremlin", "/api/topics" })
        {
            await (await anonymous.GetAsync(path)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }
    }

    public static TheoryData<string, string, string> BadPagingParameters()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var path in new[] { "/api/calls", "/api/readouts", "/api/leaders", "/api/sources", "/api/topics", "/api/leaders/vladimir-putin/calls" })
        {
            data.Add(path, "limit=0", "limit");
            data.Add(path, "limit=101", "limit");
            data.Add(path, "limit=-1", "limit");
            data.Add(path, "limit=abc", "limit");
            data.Add(path, "limit=99999999999", "limit");
            data.Add(path, "cursor=not-a-cursor!", "cursor");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadPagingParameters))]
    public async Task Bad_paging_parameters_on_every_list_are_400s_naming_them(string path, string query, string field)
    {
        var response = await client.GetAsync($"{path}?{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.ErrorsFor(field).Count > 0, $"{path}?{query} does not name '{field}': {problem}");
    }

    [Theory]
    [InlineData("/api/leaders", "")]
    [InlineData("/api/sources", "")]
    [InlineData("/api/topics", "")]
    [InlineData("/api/leaders", "a\0b")]
    [InlineData("/api/calls", "2025-02-30|1")]
    [InlineData("/api/calls", "2025-01-01|99999999999999999999")]
    [InlineData("/api/calls", "2025-01-01")]
    [InlineData("/api/readouts", "2025-01-01|-1")]
    public async Task A_well_encoded_cursor_this_api_never_issued_is_a_400_naming_cursor(string path, string key)
    {
        // "" stands for a cursor that decodes to a lone NUL character, which PostgreSQL text cannot hold.
        var cursor = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key.Length == 0 ? "\0" : key));

        var response = await client.GetAsync($"{path}?cursor={cursor}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.ErrorsFor("cursor").Count > 0, $"{path}?cursor={cursor} does not name 'cursor': {problem}");
    }

    [Theory]
    [InlineData("to=2025-02-30", "to")]
    [InlineData("from=24.11.2025", "from")]
    [InlineData("topic=...", "topic")]
    [InlineData("source=Not%20A%20Slug", "source")]
    [InlineData("leader=", "leader[0]")]
    [InlineData("leader=Putin&leader=", "leader[1]")]
    public async Task More_bad_call_filters_are_400s_naming_them(string query, string field)
    {
        var response = await client.GetAsync($"/api/calls?{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.ErrorsFor(field).Count > 0, $"?{query} does not name '{field}': {problem}");
    }

    [Theory]
    [InlineData("/api/leaders/nobody/calls")]
    [InlineData("/api/calls/-1")]
    [InlineData("/api/calls/not-a-number")]
    [InlineData("/api/readouts/0")]
    public async Task More_unknown_resources_are_404_problems(string path) =>
        await (await client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

    public static TheoryData<string, string> OddBodiesOnEveryWriteEndpoint()
    {
        string[] bodies =
        [
            "null",
            "[]",
            "\"a string\"",
            "42",
            "true",
            "{\"slug\": ",
            "{\"name\": 42, \"country\": [], \"aliases\": {}, \"slug\": false, \"url\": 1e400, \"alias\": [null]}",
            "{\"name\": null, \"country\": null, \"aliases\": [null, null], \"alias\": null}",
            "{\"leaders\": [null], \"statements\": [null], \"topics\": [null], \"callDate\": -1}",
            "{\"name\": \"\\ud800\", \"alias\": \"\\udfff\", \"title\": \"\\ud800\", \"slug\": \"\\ud800\"}",
            "{\"name\": \"\\u0007\\u001b\\u200b\", \"alias\": \"\\u202e\\u0008\", \"country\": \"\\u0000\\u0000\"}",
            "{\"aliases\": " + new string('[', 1000) + new string(']', 1000) + "}",
            "{\"name\": \"" + new string('x', 10_000) + "\", \"alias\": \"" + new string('x', 10_000) + "\", \"country\": \"TR\"}",
        ];
        var data = new TheoryData<string, string>();
        foreach (var path in WritePaths)
        {
            foreach (var body in bodies)
            {
                data.Add(path, body);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OddBodiesOnEveryWriteEndpoint))]
    public async Task Odd_bodies_on_every_write_endpoint_are_4xx_never_5xx(string path, string json)
    {
        var response = await client.PostAsync(path, Json(json));

        await response.ShouldBeClientErrorProblemAsync();
    }

    [Theory]
    [InlineData("/api/readouts", "title")]
    [InlineData("/api/leaders", "name")]
    [InlineData("/api/sources", "slug")]
    [InlineData("/api/leaders/vladimir-putin/aliases", "alias")]
    public async Task A_text_field_that_is_not_utf8_is_a_400(string path, string field)
    {
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes($"{{\"{field}\": \""), 0xFF, 0xFE, 0xC3, .. "\"}"u8]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync(path, content);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.ErrorsFor(field).Count > 0, $"The 400 does not name '{field}': {problem}");
    }

    /// <summary>
    /// Names within the 200-character limit whose derived keys are longer (ß folds to ss, each CJK
    /// character transliterates to a syllable, a long name makes a long slug) or empty (a modifier
    /// letter is a letter but transliterates to punctuation). Each test takes its own "empty" one,
    /// so that what one stores cannot collide with another's.
    /// </summary>
    public static TheoryData<string> NamesWhoseKeysOutgrowTheName(string emptySlugName) =>
    [
        "Longname " + new string('a', 190),
        new string('ß', 200),
        new string('龍', 200),
        emptySlugName,
    ];

    /// <summary>Lowercase ASCII letters and digits joined by single hyphens, of any length.</summary>
    private static bool IsUsableSlug(string slug) =>
        slug.Length > 0
        && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(NamesWhoseKeysOutgrowTheName), "ʼ")]
    public async Task A_new_leader_whose_name_makes_an_unusable_slug_or_key_is_stored_whole_or_refused_never_5xx(string name)
    {
        var response = await client.PostAsJsonAsync("/api/leaders", new { name, country = "TR" });

        if (response.StatusCode == HttpStatusCode.Created)
        {
            var leader = (await response.Content.ReadFromJsonAsync<Api.Leaders.LeaderResponse>())!;
            Assert.True(IsUsableSlug(leader.Slug), $"A leader named {name[..Math.Min(name.Length, 20)]}… got the unusable slug '{leader.Slug}'.");
            await (await client.GetAsync(response.Headers.Location)).ShouldHaveStatusAsync(HttpStatusCode.OK);
            return;
        }

        var problem = await response.ShouldBeClientErrorProblemAsync();
        Assert.True(problem.ErrorsFor("name").Count > 0, $"The refusal does not name 'name': {problem}");
        var leaders = await client.GetAllPagesAsync<Api.Leaders.LeaderResponse>("/api/leaders");
        Assert.DoesNotContain(leaders, l => l.Name == name);
    }

    [Theory]
    [MemberData(nameof(NamesWhoseKeysOutgrowTheName), "ʻ")]
    public async Task A_new_alias_whose_keys_outgrow_it_is_stored_or_refused_never_5xx(string alias)
    {
        var owner = $"Alias Owner {Guid.NewGuid():N}"[..24];
        await (await client.PostAsJsonAsync("/api/leaders", new { name = owner, country = "TR" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var slug = Api.Infrastructure.NameKey.Slug(owner);

        var response = await client.PostAsJsonAsync($"/api/leaders/{slug}/aliases", new { alias });

        var aliases = (await client.GetJsonAsync<Api.Leaders.LeaderResponse>($"/api/leaders/{slug}")).Aliases;
        if (response.StatusCode == HttpStatusCode.Created)
        {
            Assert.Contains(alias, aliases);
            return;
        }

        var problem = await response.ShouldBeClientErrorProblemAsync();
        Assert.True(problem.ErrorsFor("alias").Count > 0, $"The refusal does not name 'alias': {problem}");
        Assert.Empty(aliases);
    }

    [Theory]
    [MemberData(nameof(NamesWhoseKeysOutgrowTheName), "ʼ")]
    public async Task A_topic_whose_slug_outgrows_it_is_stored_or_refused_never_5xx(string topic)
    {
        var request = await ValidReadoutAsync() with { Topics = [topic] };

        var response = await client.PostAsJsonAsync("/api/readouts", request);

        if (response.StatusCode == HttpStatusCode.Created)
        {
            var stored = Assert.Single((await response.Content.ReadFromJsonAsync<ReadoutResponse>())!.Topics);
            Assert.True(IsUsableSlug(stored.Slug), $"The topic {topic[..Math.Min(topic.Length, 20)]}… got the unusable slug '{stored.Slug}'.");
            return;
        }

        var problem = await response.ShouldBeClientErrorProblemAsync();
        Assert.True(problem.ErrorsFor("topics[0]").Count > 0, $"The refusal does not name 'topics[0]': {problem}");
        await client.ShouldHaveNoReadoutsAsync(request.Source!);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_key_scheme_the_write_operations_and_seed_examples()
    {
        var document = await client.GetJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Single().Value;
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        var readouts = document.GetProperty("paths").GetProperty("/api/readouts");
        Assert.True(readouts.GetProperty("post").TryGetProperty("security", out _), "POST /api/readouts does not say it needs the key.");
        Assert.True(
            readouts.GetProperty("get").TryGetProperty("security", out var publicRead) && publicRead.GetArrayLength() == 0,
            "GET /api/readouts must say outright that it needs no key (security: []).");

        var request = document.GetProperty("components").GetProperty("schemas").GetProperty("ReadoutRequest");
        Assert.True(Strings(request).Any(t => t.Contains("Erdoğan", StringComparison.Ordinal)), $"The readout schema has no example from the seed readout (Erdoğan): {request}");
        Assert.Contains("iletisim", Strings(request));
    }

    /// <summary>Every string anywhere in a JSON value.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}

