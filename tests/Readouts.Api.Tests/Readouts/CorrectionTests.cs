using System.Net;
using System.Net.Http.Json;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Readouts;

/// <summary>Corrections (PUT), deletions and the history they leave, guarded by ETags.</summary>
public sealed class CorrectionTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    private async Task<(ReadoutRequest Request, ReadoutResponse Readout, string ETag)> PostAsync(params string[] leaders)
    {
        var request = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), leaders.Length > 0 ? leaders : ["Erdoğan", "Putin"]);
        var response = await client.PostAsJsonAsync("/api/readouts", request);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (request, (await response.Content.ReadFromJsonAsync<ReadoutResponse>())!, response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task A_posted_readout_is_version_1_and_its_etag_says_so()
    {
        var (_, readout, etag) = await PostAsync();

        Assert.Equal(1, readout.Version);
        Assert.Equal("\"1\"", etag);
        Assert.Equal(etag, await client.ETagOfAsync($"/api/readouts/{readout.Id}"));
    }

    [Fact]
    public async Task A_correction_without_if_match_is_refused_with_428()
    {
        var (request, readout, _) = await PostAsync();

        var response = await client.PutReadoutAsync(readout.Id, request with { Title = "Corrected" }, etag: null);

        await response.ShouldBeProblemAsync((HttpStatusCode)428);
        Assert.Equal("Telephone conversation of Erdoğan and Putin", (await client.GetJsonAsync<ReadoutResponse>($"/api/readouts/{readout.Id}")).Title);
    }

    [Fact]
    public async Task A_correction_with_a_stale_etag_is_refused_with_412()
    {
        var (request, readout, etag) = await PostAsync();
        await (await client.PutReadoutAsync(readout.Id, request with { Title = "First correction" }, etag)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var late = await client.PutReadoutAsync(readout.Id, request with { Title = "Made from the old version" }, etag);

        var problem = await late.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("\"2\"", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("First correction", (await client.GetJsonAsync<ReadoutResponse>($"/api/readouts/{readout.Id}")).Title);
    }

    [Fact]
    public async Task Of_five_corrections_sent_at_once_from_one_version_one_wins_and_the_rest_get_412()
    {
        var (request, readout, etag) = await PostAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => client.PutReadoutAsync(readout.Id, request with { Title = $"Correction {i}" }, etag)));

        var statuses = answers.Select(a => (int)a.StatusCode).Order().ToList();
        Assert.True(statuses.SequenceEqual([200, 412, 412, 412, 412]), $"Expected one 200 and four 412, got {string.Join(", ", statuses)}");
        var history = await client.GetJsonAsync<Page<RevisionSummary>>($"/api/readouts/{readout.Id}/revisions");
        Assert.Equal([2, 1], history.Items.Select(r => r.Number));
    }

    [Fact]
    public async Task A_correction_answers_200_with_the_new_version_and_etag()
    {
        var (request, readout, etag) = await PostAsync();

        var response = await client.PutReadoutAsync(readout.Id, request with { Title = "Corrected", Topics = ["Energy"] }, etag);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var corrected = (await response.Content.ReadFromJsonAsync<ReadoutResponse>())!;
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        Assert.Equal((2, "Corrected", readout.CallId), (corrected.Version, corrected.Title, corrected.CallId));
        Assert.Equal(["energy"], corrected.Topics.Select(t => t.Slug));
        Assert.Equal(await response.Content.ReadAsStringAsync(), await (await client.GetAsync($"/api/readouts/{readout.Id}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Resending_the_same_correction_changes_nothing()
    {
        var (request, readout, etag) = await PostAsync();
        var once = await client.PutReadoutAsync(readout.Id, request with { Title = "Corrected" }, etag);
        var newETag = once.Headers.ETag!.ToString();

        var twice = await client.PutReadoutAsync(readout.Id, request with { Title = "Corrected" }, newETag);

        await twice.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(newETag, twice.Headers.ETag?.ToString());
        var history = await client.GetJsonAsync<Page<RevisionSummary>>($"/api/readouts/{readout.Id}/revisions");
        Assert.Equal([2, 1], history.Items.Select(r => r.Number));
    }

    [Fact]
    public async Task Two_corrections_leave_three_revisions_newest_first_with_who_and_when()
    {
        var (request, readout, etag) = await PostAsync();
        var second = await client.PutReadoutAsync(readout.Id, request with { Title = "Second" }, etag);
        var third = await client.PutReadoutAsync(readout.Id, request with { Title = "Third", Body = "Rewritten." }, second.Headers.ETag!.ToString());
        await third.ShouldHaveStatusAsync(HttpStatusCode.OK);

        var history = await client.GetJsonAsync<Page<RevisionSummary>>($"/api/readouts/{readout.Id}/revisions");

        Assert.Equal([(3, "corrected"), (2, "corrected"), (1, "created")], history.Items.Select(r => (r.Number, r.Change)));
        Assert.All(history.Items, r => Assert.Equal("key-0", r.WrittenBy));
        Assert.True(history.Items[0].WrittenAt >= history.Items[1].WrittenAt && history.Items[1].WrittenAt >= history.Items[2].WrittenAt, "Revisions are not newest first.");

        var first = await client.GetJsonAsync<RevisionResponse>($"/api/readouts/{readout.Id}/revisions/1");
        var middle = await client.GetJsonAsync<RevisionResponse>($"/api/readouts/{readout.Id}/revisions/2");
        var latest = await client.GetJsonAsync<RevisionResponse>($"/api/readouts/{readout.Id}/revisions/3");
        Assert.Equal(("Telephone conversation of Erdoğan and Putin", 1), (first.Readout!.Title, first.Readout.Version));
        Assert.Equal(("Second", 2), (middle.Readout!.Title, middle.Readout.Version));
        Assert.Equal(("Third", "Rewritten."), (latest.Readout!.Title, latest.Readout.Body));
        Assert.Equal(readout.Body, middle.Readout.Body);
    }

    [Fact]
    public async Task Revision_pages_follow_the_cursor()
    {
        var (request, readout, etag) = await PostAsync();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PutReadoutAsync(readout.Id, request with { Title = $"Correction {i}" }, etag);
            etag = response.Headers.ETag!.ToString();
        }

        var all = await client.GetAllPagesAsync<RevisionSummary>($"/api/readouts/{readout.Id}/revisions", limit: 2);

        Assert.Equal([5, 4, 3, 2, 1], all.Select(r => r.Number));
    }

    [Fact]
    public async Task Unknown_revisions_and_readouts_are_404()
    {
        var (_, readout, _) = await PostAsync();

        await (await client.GetAsync($"/api/readouts/{readout.Id}/revisions/2")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/readouts/987654321/revisions")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutReadoutAsync(987654321, TestData.Readout("iletisim", TestData.NewDate(), "Erdoğan", "Putin"), "\"1\"")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_correction_cannot_move_a_readout_to_another_source()
    {
        var (request, readout, etag) = await PostAsync();

        var response = await client.PutReadoutAsync(readout.Id, request with { Source = "kremlin" }, etag);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(problem.ErrorsFor("source"));
    }

    [Fact]
    public async Task A_correction_to_a_url_another_readout_has_is_a_409()
    {
        var (request, readout, etag) = await PostAsync();
        var other = request with { Url = $"{request.Url}-other", CallDate = request.CallDate!.Value.AddDays(3) };
        await client.PostReadoutAsync(other);

        var response = await client.PutReadoutAsync(readout.Id, request with { Url = other.Url }, etag);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_corrected_readout_is_found_by_its_new_words_and_no_longer_by_those_it_dropped()
    {
        var (dropped, added, spoken, otherSide) = (MadeUpWord(), MadeUpWord(), MadeUpWord(), MadeUpWord());
        var request = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin") with
        {
            Body = $"The leaders discussed {dropped}.",
            Statements = [new StatementRequest { Speaker = "Putin", Text = $"We spoke of {spoken}." }],
        };
        var readout = await client.PostReadoutAsync(request);
        var other = TestData.Readout(await client.NewSourceAsync(), request.CallDate!.Value, "Erdoğan", "Putin") with { Body = $"They discussed {otherSide}." };
        Assert.Equal(readout.CallId, (await client.PostReadoutAsync(other)).CallId);

        await (await client.PutReadoutAsync(readout.Id, request with { Body = $"The leaders discussed {added}." }, "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var day = $"from={request.CallDate:yyyy-MM-dd}&to={request.CallDate:yyyy-MM-dd}";
        foreach (var (what, word, found) in new[] { ("added", added, true), ("in a statement", spoken, true), ("the other side's", otherSide, true), ("dropped", dropped, false) })
        {
            var calls = await client.GetAllPagesAsync<CallSummary>($"/api/calls?q={word}&{day}");
            Assert.True(
                calls.Any(c => c.Id == readout.CallId) == found,
                $"After the correction, q={word} (the word {what}) {(found ? "does not find" : "still finds")} call {readout.CallId}.");
        }
    }

    /// <summary>A word no other test uses: 24 letters, so that no stemmer cuts it to another test's.</summary>
    private static string MadeUpWord() => new([.. Guid.NewGuid().ToString("N")[..24].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))]);

    [Fact]
    public async Task A_correction_with_new_leaders_relinks_the_readout_and_removes_the_emptied_call()
    {
        var (request, readout, etag) = await PostAsync("Erdoğan", "Putin");
        var otherSide = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), request.CallDate!.Value, "Erdoğan", "Zelensky"));

        var response = await client.PutReadoutAsync(readout.Id, request with { Leaders = ["Erdoğan", "Zelensky"] }, etag);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var corrected = (await response.Content.ReadFromJsonAsync<ReadoutResponse>())!;
        Assert.Equal(otherSide.CallId, corrected.CallId);
        await (await client.GetAsync($"/api/calls/{readout.CallId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var call = await client.GetJsonAsync<CallDetails>($"/api/calls/{otherSide.CallId}");
        Assert.Equal(new[] { otherSide.Id, readout.Id }.Order(), call.Readouts.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task A_correction_of_the_date_moves_the_readout_to_the_call_of_that_date()
    {
        var date = TestData.NewDate();
        var presidency = await client.NewSourceAsync("presidency");
        var early = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync("kremlin"), date, "Erdoğan", "Putin"));
        var request = TestData.Readout(presidency, date.AddDays(4), "Erdoğan", "Putin");
        var misdated = await client.PostReadoutAsync(request);
        Assert.NotEqual(early.CallId, misdated.CallId);

        var response = await client.PutReadoutAsync(misdated.Id, request with { CallDate = date }, "\"1\"");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(early.CallId, (await response.Content.ReadFromJsonAsync<ReadoutResponse>())!.CallId);
        var calls = await client.GetJsonAsync<Page<CallSummary>>($"/api/calls?leader=Erdoğan&leader=Putin&from={date:yyyy-MM-dd}&to={date.AddDays(6):yyyy-MM-dd}");
        Assert.Equal([(early.CallId, date)], calls.Items.Select(c => (c.Id, c.Date)));
    }

    [Fact]
    public async Task A_delete_needs_if_match_and_a_current_etag()
    {
        var (request, readout, etag) = await PostAsync();
        await (await client.DeleteReadoutAsync(readout.Id, etag: null)).ShouldBeProblemAsync((HttpStatusCode)428);
        await (await client.PutReadoutAsync(readout.Id, request with { Title = "Corrected" }, etag)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await client.DeleteReadoutAsync(readout.Id, etag)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);

        await client.GetJsonAsync<ReadoutResponse>($"/api/readouts/{readout.Id}");
    }

    [Fact]
    public async Task A_deleted_readout_is_gone_from_its_call_and_queries_but_keeps_its_history()
    {
        var (request, readout, etag) = await PostAsync();
        var otherSide = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), request.CallDate!.Value, "Erdoğan", "Putin"));
        Assert.Equal(readout.CallId, otherSide.CallId);

        await (await client.DeleteReadoutAsync(readout.Id, etag)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync($"/api/readouts/{readout.Id}")).ShouldBeProblemAsync(HttpStatusCode.Gone);
        await (await client.DeleteReadoutAsync(readout.Id, "\"2\"")).ShouldBeProblemAsync(HttpStatusCode.Gone);
        var call = await client.GetJsonAsync<CallDetails>($"/api/calls/{readout.CallId}");
        Assert.Equal([otherSide.Id], call.Readouts.Select(r => r.Id));
        await client.ShouldHaveNoReadoutsAsync(request.Source!);

        var history = await client.GetJsonAsync<Page<RevisionSummary>>($"/api/readouts/{readout.Id}/revisions");
        Assert.Equal([(2, "deleted"), (1, "created")], history.Items.Select(r => (r.Number, r.Change)));
        Assert.Null((await client.GetJsonAsync<RevisionResponse>($"/api/readouts/{readout.Id}/revisions/2")).Readout);
        Assert.Equal(readout.Title, (await client.GetJsonAsync<RevisionResponse>($"/api/readouts/{readout.Id}/revisions/1")).Readout!.Title);
    }

    [Fact]
    public async Task Deleting_the_only_readout_of_a_call_removes_the_call_from_queries()
    {
        var (request, readout, etag) = await PostAsync();

        await (await client.DeleteReadoutAsync(readout.Id, etag)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync($"/api/calls/{readout.CallId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var calls = await client.GetJsonAsync<Page<CallSummary>>($"/api/calls?source={request.Source}");
        Assert.Empty(calls.Items);
    }

    [Fact]
    public async Task A_deleted_readout_can_be_posted_again_as_a_new_readout()
    {
        var (request, readout, etag) = await PostAsync();
        await (await client.DeleteReadoutAsync(readout.Id, etag)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        var again = await client.PostReadoutAsync(request);

        Assert.NotEqual(readout.Id, again.Id);
    }

    [Fact]
    public async Task A_readout_answers_if_none_match_with_304_until_it_changes()
    {
        var (request, readout, etag) = await PostAsync();
        var url = $"/api/readouts/{readout.Id}";

        var unchanged = await client.GetIfNoneMatchAsync(url, etag);
        await (await client.PutReadoutAsync(readout.Id, request with { Title = "Corrected" }, etag)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var changed = await client.GetIfNoneMatchAsync(url, etag);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        await changed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", changed.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task A_call_answers_if_none_match_with_304_until_a_readout_joins_it()
    {
        var (request, readout, _) = await PostAsync();
        var url = $"/api/calls/{readout.CallId}";
        var etag = await client.ETagOfAsync(url);

        var unchanged = await client.GetIfNoneMatchAsync(url, etag);
        await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), request.CallDate!.Value, "Erdoğan", "Putin"));
        var changed = await client.GetIfNoneMatchAsync(url, etag);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        await changed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, changed.Headers.ETag?.ToString());
        var comparisonETag = await client.ETagOfAsync($"{url}/comparison");
        Assert.Equal(HttpStatusCode.NotModified, (await client.GetIfNoneMatchAsync($"{url}/comparison", comparisonETag)).StatusCode);
    }
}
