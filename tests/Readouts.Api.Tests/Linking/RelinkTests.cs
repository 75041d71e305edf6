using System.Net;
using System.Net.Http.Json;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Linking;

/// <summary>Editors fixing a wrong link: POST /api/readouts/{id}/link.</summary>
public sealed class RelinkTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    [Fact]
    public async Task A_readout_moves_to_another_call_with_the_same_leaders_and_its_emptied_call_goes()
    {
        var date = TestData.NewDate();
        var kremlin = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Erdoğan", "Putin"));
        // Three days apart, so the rules gave it a call of its own.
        var presidency = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date.AddDays(3), "Erdoğan", "Putin"));

        var response = await client.LinkReadoutAsync(presidency.Id, kremlin.CallId);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var moved = (await response.Content.ReadFromJsonAsync<ReadoutResponse>())!;
        Assert.Equal((kremlin.CallId, 2), (moved.CallId, moved.Version));
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        var call = await client.GetJsonAsync<CallDetails>($"/api/calls/{kremlin.CallId}");
        Assert.Equal(new[] { kremlin.Id, presidency.Id }.Order(), call.Readouts.Select(r => r.Id).Order());
        Assert.Equal(date, call.Date);
        await (await client.GetAsync($"/api/calls/{presidency.CallId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var history = await client.GetJsonAsync<Page<RevisionSummary>>($"/api/readouts/{presidency.Id}/revisions");
        Assert.Equal(["relinked", "created"], history.Items.Select(r => r.Change));
        Assert.Equal(presidency.CallId, (await client.GetJsonAsync<RevisionResponse>($"/api/readouts/{presidency.Id}/revisions/1")).Readout!.CallId);
    }

    [Fact]
    public async Task Detaching_gives_the_readout_a_call_of_its_own_and_the_old_call_its_own_date_again()
    {
        var date = TestData.NewDate();
        var kremlin = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date.AddDays(1), "Erdoğan", "Putin"));
        var presidency = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Erdoğan", "Putin"));
        Assert.Equal(kremlin.CallId, presidency.CallId);

        var response = await client.LinkReadoutAsync(presidency.Id, callId: null);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var detached = (await response.Content.ReadFromJsonAsync<ReadoutResponse>())!;
        Assert.NotEqual(kremlin.CallId, detached.CallId);
        var own = await client.GetJsonAsync<CallDetails>($"/api/calls/{detached.CallId}");
        Assert.Equal([presidency.Id], own.Readouts.Select(r => r.Id));
        Assert.Equal(date, own.Date);
        Assert.Equal(["recep-tayyip-erdogan", "vladimir-putin"], own.Leaders.Select(l => l.Slug));
        var old = await client.GetJsonAsync<CallDetails>($"/api/calls/{kremlin.CallId}");
        Assert.Equal([kremlin.Id], old.Readouts.Select(r => r.Id));
        Assert.Equal(date.AddDays(1), old.Date);
    }

    [Fact]
    public async Task Moving_a_readout_where_it_already_is_changes_nothing()
    {
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin"));

        var toItsCall = await client.LinkReadoutAsync(readout.Id, readout.CallId);
        var detachAlone = await client.LinkReadoutAsync(readout.Id, callId: null);

        await toItsCall.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await detachAlone.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var after = (await detachAlone.Content.ReadFromJsonAsync<ReadoutResponse>())!;
        Assert.Equal((readout.CallId, 1), (after.CallId, after.Version));
    }

    [Fact]
    public async Task A_readout_cannot_join_a_call_between_other_leaders()
    {
        var date = TestData.NewDate();
        var putin = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Erdoğan", "Putin"));
        var zelensky = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Erdoğan", "Zelensky"));

        var problem = await (await client.LinkReadoutAsync(putin.Id, zelensky.CallId)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.NotEmpty(problem.ErrorsFor("callId"));
        Assert.Equal(putin.CallId, (await client.GetJsonAsync<ReadoutResponse>($"/api/readouts/{putin.Id}")).CallId);
    }

    [Fact]
    public async Task A_readout_cannot_join_a_call_that_has_its_source_in_its_language()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var first = await client.PostReadoutAsync(TestData.Readout(source, date, "Erdoğan", "Putin"));
        var second = await client.PostReadoutAsync(TestData.Readout(source, date, "Erdoğan", "Putin"));
        Assert.NotEqual(first.CallId, second.CallId);

        var response = await client.LinkReadoutAsync(second.Id, first.CallId);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Moving_to_a_call_that_does_not_exist_is_a_422_and_a_missing_call_id_a_400()
    {
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin"));

        await (await client.LinkReadoutAsync(readout.Id, 987654321)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var empty = await client.PostAsync($"/api/readouts/{readout.Id}/link", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_move_with_a_stale_if_match_is_refused_with_412()
    {
        var date = TestData.NewDate();
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Erdoğan", "Putin"));
        var other = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date.AddDays(5), "Erdoğan", "Putin"));

        await (await client.LinkReadoutAsync(readout.Id, other.CallId, etag: "\"7\"")).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await client.LinkReadoutAsync(readout.Id, other.CallId, etag: "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Moving_needs_an_api_key()
    {
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Putin"));

        var response = await api.CreateClient().LinkReadoutAsync(readout.Id, callId: null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
