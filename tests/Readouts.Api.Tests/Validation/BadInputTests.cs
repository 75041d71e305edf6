using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Validation;

/// <summary>Each bad input: a problem+json 4xx naming the field, nothing stored, never a 5xx.</summary>
public sealed class BadInputTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<CreateReadoutRequest> ValidReadoutAsync() =>
        TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin");

    /// <summary>Posts, expects a problem naming the field, and checks the source stored no readout.</summary>
    private async Task ShouldBeRefusedAsync(CreateReadoutRequest request, HttpStatusCode status, string field)
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
    public async Task Health_redirect_and_openapi_document_are_served()
    {
        using var plain = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await (await plain.GetAsync("/health/live")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await plain.GetAsync("/health/ready")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var root = await plain.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/swagger", root.Headers.Location?.ToString());

        var document = await plain.GetStringAsync("/swagger/v1/swagger.json");
        Assert.Contains("\"/api/readouts\"", document, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", document, StringComparison.Ordinal);
        Assert.Contains("iletisim", document, StringComparison.Ordinal);
    }
}
