// What a client generated from the OpenAPI document must be able to do without editing it:
// post with an Idempotency-Key and see the replay, page by cursor, read a call with a joint
// statement and its comparison, get a 304 for a current ETag, correct with If-Match, and read a
// validation problem. Prints one line per check; exits 1 if any failed.
// Usage: dotnet run -- <base URL> <write key>
using Readouts.Generated;

var failures = 0;
void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "ok    " : "FAIL  ") + what);
    failures += ok ? 0 : 1;
}

using var http = new HttpClient();
http.DefaultRequestHeaders.Add("X-Api-Key", args[1]);
var client = new ReadoutsClient(http) { BaseUrl = args[0] };

var source = "generated-" + Guid.NewGuid().ToString("N")[..8];
var createdSource = await client.CreateSourceAsync(null, new CreateSourceRequest
{
    Slug = source, Name = "Generated client's source", Country = "TR", Url = $"https://{source}.example.org",
});
Check(createdSource.StatusCode == 201, $"POST /api/sources answers 201 (got {createdSource.StatusCode})");

ReadoutRequest Readout(DateTimeOffset date, string url) => new()
{
    Source = source,
    Language = "tr",
    CallDate = date,
    Title = "Cumhurbaşkanı Erdoğan, Rusya Devlet Başkanı Putin ile telefonda görüştü",
    Url = url,
    Leaders = new List<string> { "Recep Tayyip Erdoğan", "Vladimir Putin" },
    Topics = new List<string> { "Ukrayna", "Barış müzakereleri" },
    Statements = new List<StatementRequest>
    {
        new() { Speaker = null, Text = "Taraflar Ukrayna'daki savaşın sona ermesi için diyaloğun sürmesi gerektiğini vurguladı." },
        new() { Speaker = "recep-tayyip-erdogan", Text = "Türkiye adil ve kalıcı bir barış için üzerine düşeni yapmaya hazırdır." },
    },
    Body = "Cumhurbaşkanı Erdoğan, Ukrayna'daki savaşın sona ermesi için barış müzakerelerinin önemine değindi.",
};

var date = new DateTimeOffset(1985, 3, (int)(DateTime.UtcNow.Ticks % 27) + 1, 0, 0, 0, TimeSpan.Zero);
var body = Readout(date, $"https://{source}.example.org/1");
var idempotencyKey = Guid.NewGuid().ToString();
var first = await client.CreateReadoutAsync(idempotencyKey, body);
var again = await client.CreateReadoutAsync(idempotencyKey, body);
string Header(SwaggerResponse response, string name) =>
    response.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
Check(first.StatusCode == 201 && Header(first, "Idempotent-Replayed") is null, $"the first post is 201 and not a replay (got {first.StatusCode}, replayed '{Header(first, "Idempotent-Replayed")}')");
Check(again.Result.Id == first.Result.Id && Header(again, "Idempotent-Replayed") == "true", $"the same Idempotency-Key replays the first answer with Idempotent-Replayed: true (got '{Header(again, "Idempotent-Replayed")}')");
Check(Header(first, "ETag") is { Length: > 0 } && Header(first, "Location") is { Length: > 0 }, "the 201 carries ETag and Location");

var second = await client.CreateReadoutAsync(null, Readout(date.AddDays(-40), $"https://{source}.example.org/2"));
var firstPage = await client.ListCallsAsync(leader: null, from: null, to: null, topic: null, source: source, q: null, limit: 1, cursor: null);
Check(firstPage.Result.Items.Count == 1 && firstPage.Result.NextCursor is { Length: > 0 }, "a page of one call has a next cursor");
var secondPage = await client.ListCallsAsync(leader: null, from: null, to: null, topic: null, source: source, q: null, limit: 1, cursor: firstPage.Result.NextCursor);
Check(
    secondPage.Result.Items.Count == 1 && secondPage.Result.Items.First().Id != firstPage.Result.Items.First().Id && secondPage.Result.NextCursor is null,
    "the cursor gives the other call, and the last page has no cursor");
Check(second.Result.CallId == secondPage.Result.Items.First().Id, "newest first: the older call is on the second page");

var call = await client.GetCallAsync(first.Result.CallId, null);
var statements = call.Result.Readouts.SelectMany(r => r.Statements).ToList();
Check(statements.Any(s => s.Speaker is null) && statements.Any(s => s.Speaker?.Slug == "recep-tayyip-erdogan"), "a call with a joint statement (no speaker) reads without an exception");
var comparison = await client.GetCallComparisonAsync(first.Result.CallId, null);
Check(comparison.Result.PublishedFirst is null && comparison.Result.Topics.Any(t => t.Topic.Slug == "ukraine"), "its comparison reads, publishedFirst null, Ukraine among its subjects");

var etag = Header(call, "ETag");
try
{
    await client.GetCallAsync(first.Result.CallId, etag);
    Check(false, "a GET with a current If-None-Match answers 304");
}
catch (ApiException e) when (e.StatusCode == 304)
{
    Check(true, "a GET with a current If-None-Match answers 304, a status the client knows");
}

var correction = Readout(date, body.Url);
correction.Body = "Düzeltilmiş metin: Cumhurbaşkanı Erdoğan, Ukrayna'da kalıcı barış çağrısını yineledi.";
var corrected = await client.ReplaceReadoutAsync(first.Result.Id, Header(first, "ETag"), correction);
Check(corrected.StatusCode == 200 && corrected.Result.Version == 2, $"a correction with If-Match is version 2 (got {corrected.Result.Version})");
try
{
    await client.ReplaceReadoutAsync(first.Result.Id, Header(first, "ETag"), correction);
    Check(false, "a correction with a stale If-Match answers 412");
}
catch (ApiException e) when (e.StatusCode == 412)
{
    Check(true, "a correction with a stale If-Match answers 412");
}

try
{
    await client.CreateReadoutAsync(null, new ReadoutRequest { Source = source, Language = "tr" });
    Check(false, "an incomplete readout is refused");
}
catch (ApiException<ValidationProblemDetails> e) when (e.StatusCode is 400 or 422)
{
    Check(e.Result.Errors.ContainsKey("title") && e.Result.Errors.ContainsKey("leaders"), $"an incomplete readout is a validation problem naming its fields ({string.Join(", ", e.Result.Errors.Keys)})");
}

return failures == 0 ? 0 : 1;
