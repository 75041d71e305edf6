using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Readouts.Api.Events;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Events;

/// <summary>GET /api/events: every change, in the order it became visible, with nothing missed or repeated.</summary>
public sealed class ChangeFeedTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    [Fact]
    public async Task The_other_side_publishing_is_a_call_source_added_after_the_call_and_both_readouts_in_order()
    {
        var after = await FeedEnd.LatestIdAsync(client);
        var (presidency, kremlin, date) = (await client.NewSourceAsync("iletisim"), await client.NewSourceAsync("kremlin"), TestData.NewDate());

        var turkish = await client.PostReadoutAsync(TestData.TurkishSide(presidency, date));
        var russian = await client.PostReadoutAsync(TestData.RussianSide(kremlin, date));

        Assert.Equal(turkish.CallId, russian.CallId);
        var events = await FeedEnd.AfterAsync(client, after);
        Assert.Equal(
            [("call.created", null, turkish.CallId, null), ("readout.created", turkish.Id, turkish.CallId, presidency), ("readout.created", russian.Id, russian.CallId, kremlin), ("call.source-added", russian.Id, russian.CallId, kremlin)],
            events.Where(e => !e.Type.StartsWith("source.", StringComparison.Ordinal) && !e.Type.StartsWith("topic.", StringComparison.Ordinal)).Select(e => (e.Type, e.ReadoutId, e.CallId, e.Source)));
        Assert.All(events.Where(e => e.CallId is not null), e => Assert.Equal(["recep-tayyip-erdogan", "vladimir-putin"], e.Leaders.Select(l => l.Slug).Order()));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Id < p.Second.Id), $"Ids not increasing: {string.Join(", ", events.Select(e => e.Id))}");
    }

    [Fact]
    public async Task A_second_language_from_the_same_source_adds_no_source_but_both_sides_posted_together_each_add_theirs()
    {
        var (presidency, kremlin, date) = (await client.NewSourceAsync("iletisim"), await client.NewSourceAsync("kremlin"), TestData.NewDate());
        var turkish = await client.PostReadoutAsync(TestData.TurkishSide(presidency, date));
        var after = await FeedEnd.LatestIdAsync(client);
        var english = await client.PostReadoutAsync(TestData.Readout(presidency, date, "Erdoğan", "Putin") with { Title = "President Erdoğan holds a phone call with President Putin" });
        Assert.Equal(turkish.CallId, english.CallId);
        Assert.DoesNotContain(await FeedEnd.AfterAsync(client, after), e => e.Type == EventTypes.CallSourceAdded);

        var otherDate = TestData.NewDate();
        var batch = await client.PostAsJsonAsync("/api/readouts/batch", new[] { TestData.TurkishSide(presidency, otherDate), TestData.RussianSide(kremlin, otherDate) });
        await batch.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var added = (await FeedEnd.AfterAsync(client, after)).Where(e => e.Type == EventTypes.CallSourceAdded).ToList();
        Assert.Equal(new[] { kremlin, presidency }.Order(StringComparer.Ordinal), added.Select(e => e.Source!).Order(StringComparer.Ordinal));
        Assert.Single(added.Select(e => e.CallId).Distinct());
    }

    [Fact]
    public async Task A_correction_a_move_and_a_deletion_are_events_and_the_emptied_call_is_removed()
    {
        var (presidency, kremlin, date) = (await client.NewSourceAsync("iletisim"), await client.NewSourceAsync("kremlin"), TestData.NewDate());
        var turkish = await client.PostReadoutAsync(TestData.TurkishSide(presidency, date));
        var russian = await client.PostReadoutAsync(TestData.RussianSide(kremlin, date));
        var after = await FeedEnd.LatestIdAsync(client);

        var corrected = await client.PutReadoutAsync(russian.Id, TestData.RussianSide(kremlin, date) with { Body = TestData.RussianSide(kremlin, date).Body + " Уточнено." }, "\"1\"");
        await corrected.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var moved = await client.LinkReadoutAsync(russian.Id, null, "\"2\"");
        await moved.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var ownCall = (await moved.Content.ReadFromJsonAsync<ReadoutResponse>())!.CallId;
        await (await client.DeleteReadoutAsync(russian.Id, "\"3\"")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        var events = (await FeedEnd.AfterAsync(client, after)).Select(e => (e.Type, e.ReadoutId, e.CallId, e.PreviousCallId, e.Version)).ToList();
        Assert.Equal(
            [
                ("readout.corrected", russian.Id, russian.CallId, null, 2),
                ("call.created", null, ownCall, null, null),
                ("readout.relinked", russian.Id, ownCall, russian.CallId, 3),
                ("readout.deleted", russian.Id, null, ownCall, 4),
                ("call.removed", null, ownCall, null, null),
            ],
            events);
        Assert.NotEqual(turkish.CallId, ownCall);
    }

    [Fact]
    public async Task Resends_and_replays_change_nothing_and_record_nothing()
    {
        var source = await client.NewSourceAsync();
        var request = TestData.Readout(source, TestData.NewDate(), "Lula", "Modi");
        await client.PostReadoutAsync(request);
        var after = await FeedEnd.LatestIdAsync(client);

        await client.PostReadoutAsync(request, HttpStatusCode.OK);
        var keyed = TestData.Readout(source, TestData.NewDate(), "Lula", "Modi");
        await (await client.PostWithKeyAsync("/api/readouts", keyed, "feed-replay")).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var once = await FeedEnd.LatestIdAsync(client);
        await (await client.PostWithKeyAsync("/api/readouts", keyed, "feed-replay")).ShouldHaveStatusAsync(HttpStatusCode.Created);

        Assert.Equal(["call.created", "readout.created"], (await FeedEnd.AfterAsync(client, after)).Select(e => e.Type));
        Assert.Equal(once, await FeedEnd.LatestIdAsync(client));
    }

    [Fact]
    public async Task Registry_changes_are_events_with_the_slug_they_are_about()
    {
        var after = await FeedEnd.LatestIdAsync(client);
        var source = await client.NewSourceAsync("registry");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await (await client.PostAsJsonAsync("/api/leaders", new { name = $"Ngozi Test {suffix}", country = "NG", aliases = new[] { $"Нгози {suffix}" } })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var leader = $"ngozi-test-{suffix}";
        await (await client.PostAsJsonAsync($"/api/leaders/{leader}/aliases", new { alias = $"恩戈齐 {suffix}" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/topics", new { name = $"Lake Chad Basin {suffix}", kind = "region" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var topic = $"lake-chad-basin-{suffix}";
        await (await client.PostAsJsonAsync($"/api/topics/{topic}/aliases", new { alias = $"Bassin du lac Tchad {suffix}", languages = new[] { "fr" } })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var label = $"bacia do lago {suffix}";
        var posted = await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Lula", "Modi") with { Topics = [label] });
        var labelTopic = Assert.Single(posted.Topics, t => t.Kind == "other").Slug;
        await (await client.PostAsJsonAsync($"/api/topics/{topic}/merge", new { topics = new[] { labelTopic } })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var registry = (await FeedEnd.AfterAsync(client, after)).Where(e => !e.Type.StartsWith("readout.", StringComparison.Ordinal) && !e.Type.StartsWith("call.", StringComparison.Ordinal))
            .Select(e => (e.Type, Subject: e.Source ?? e.Topic ?? e.Leaders.SingleOrDefault()?.Slug, Names: string.Join("|", e.Names))).ToList();
        Assert.Equal(
            [
                ("source.created", source, ""),
                ("leader.created", leader, ""),
                ("leader.alias-added", leader, $"恩戈齐 {suffix}"),
                ("topic.created", topic, ""),
                ("topic.alias-added", topic, $"Bassin du lac Tchad {suffix}"),
                ("topic.created", labelTopic, ""),
                ("topic.merged", topic, labelTopic),
            ],
            registry);
    }

    [Fact]
    public async Task Type_and_leader_filter_the_feed_and_after_pages_through_it()
    {
        var source = await client.NewSourceAsync();
        var after = await FeedEnd.LatestIdAsync(client);
        var date = TestData.NewDate();
        var lula = await client.PostReadoutAsync(TestData.Readout(source, date, "Lula", "Modi"));
        await client.PostReadoutAsync(TestData.Readout(source, date, "Erdoğan", "Putin"));
        var lulaAgain = await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(-3), "Lula", "Xi Jinping"));

        var created = await client.GetJsonAsync<Page<EventResponse>>($"/api/events?after={after}&type=readout.created&leader={Uri.EscapeDataString("Лула")}&limit=1");
        Assert.Equal([lula.Id], created.Items.Select(e => e.ReadoutId));
        Assert.NotNull(created.NextCursor);
        var next = await client.GetJsonAsync<Page<EventResponse>>($"/api/events?after={created.NextCursor}&type=readout.created&leader=lula&limit=1");
        Assert.Equal([lulaAgain.Id], next.Items.Select(e => e.ReadoutId));
        var both = await client.GetJsonAsync<Page<EventResponse>>($"/api/events?after={after}&type=call.created,readout.created&leader=lula");
        Assert.Equal(["call.created", "readout.created", "call.created", "readout.created"], both.Items.Select(e => e.Type));
        Assert.Null(both.NextCursor);

        var bad = await client.GetAsync("/api/events?type=readout.published&after=-1&limit=5000");
        var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("readout.created", Assert.Single(problem.ErrorsFor("type")));
        Assert.NotEmpty(problem.ErrorsFor("after"));
        Assert.NotEmpty(problem.ErrorsFor("limit"));
        await (await client.GetAsync("/api/events?leader=nobody-at-all")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_reader_that_saves_the_last_id_misses_and_repeats_nothing_while_two_instances_write_at_once()
    {
        using var second = api.WithWebHostBuilder(_ => { });
        var other = second.CreateClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);
        var source = await client.NewSourceAsync("race");
        var start = await FeedEnd.LatestIdAsync(client);
        var date = TestData.NewDate();
        var writing = new CancellationTokenSource();
        var read = new List<EventResponse>();

        // Eight writers on two instances; the reader polls the whole time, saving only the last id.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var writer = w % 2 == 0 ? client : other;
            for (var i = 0; i < 15; i++)
            {
                await writer.PostReadoutAsync(TestData.Readout(source, date.AddDays(-(w * 15 + i) * 3 - 400), "Lula", "Modi"));
            }
        })).ToList();
        var reader = Task.Run(async () =>
        {
            var last = start;
            while (true)
            {
                // Once the writers are done, an empty page means the reader has everything.
                var finished = writing.IsCancellationRequested;
                var page = await client.GetJsonAsync<Page<EventResponse>>($"/api/events?after={last}&limit=7");
                read.AddRange(page.Items);
                last = page.Items.Count > 0 ? page.Items[^1].Id : last;
                if (finished && page.Items.Count == 0)
                {
                    return;
                }
            }
        });
        await Task.WhenAll(writers);
        await writing.CancelAsync();
        await reader;

        var all = await FeedEnd.AfterAsync(client, start);
        Assert.Equal(240, all.Count(e => e.Type is "readout.created" or "call.created"));
        Assert.True(read.Zip(read.Skip(1)).All(p => p.First.Id < p.Second.Id), "The reader saw ids out of order or repeated.");
        Assert.Equal(all.Select(e => e.Id), read.Select(e => e.Id));
    }

    [Fact]
    public async Task A_change_that_commits_after_a_later_one_still_comes_after_what_a_reader_has_seen()
    {
        var source = await client.NewSourceAsync("slow");
        var date = TestData.NewDate();
        var slow = await client.PostReadoutAsync(TestData.Readout(source, date, "Lula", "Modi"));
        var seen = await FeedEnd.LatestIdAsync(client);

        // A slow writer (another instance, say) has made its change, and its event, but not committed yet.
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var change = new NpgsqlCommand($"UPDATE readouts SET version = version + 1, change = 'corrected' WHERE id = {slow.Id}", connection, transaction))
        {
            await change.ExecuteNonQueryAsync();
        }

        // Meanwhile a later change commits, and a reader reads it and saves its id.
        var fast = await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(-3), "Lula", "Modi"));
        var page = await client.GetJsonAsync<Page<EventResponse>>($"/api/events?after={seen}");
        Assert.Equal([fast.Id], page.Items.Where(e => e.Type.StartsWith("readout.", StringComparison.Ordinal)).Select(e => e.ReadoutId));
        var saved = page.Items[^1].Id;

        await transaction.CommitAsync();

        var next = await client.GetJsonAsync<Page<EventResponse>>($"/api/events?after={saved}");
        Assert.Equal([("readout.corrected", slow.Id)], next.Items.Select(e => (e.Type, e.ReadoutId)));
    }

    [Fact]
    public async Task Events_past_the_retention_are_dropped_and_newer_ones_kept()
    {
        var source = await client.NewSourceAsync();
        await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Lula", "Modi"));
        await FeedEnd.LatestIdAsync(client);
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var age = new NpgsqlCommand("UPDATE events SET occurred_at = now() - interval '40 days' WHERE id = (SELECT min(id) FROM events)", connection);
            await age.ExecuteNonQueryAsync();
        }

        var oldest = (await client.GetJsonAsync<Page<EventResponse>>("/api/events?limit=1")).Items[0].Id;
        using var pruning = api.WithWebHostBuilder(b => b.UseSetting("Events:RetentionDays", "30"));
        pruning.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await client.GetJsonAsync<Page<EventResponse>>("/api/events?limit=1")).Items[0].Id == oldest && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var now = (await client.GetJsonAsync<Page<EventResponse>>("/api/events?limit=1")).Items[0];
        Assert.True(now.Id > oldest, $"Event {oldest}, 40 days old, was still in the feed after 20 s.");
        Assert.True(now.OccurredAt > DateTimeOffset.UtcNow.AddDays(-1), "Events younger than the retention were dropped too.");
    }
}

/// <summary>Reading the feed to its end.</summary>
public static class FeedEnd
{
    /// <summary>Every event after <paramref name="after"/>, page by page.</summary>
    public static async Task<List<EventResponse>> AfterAsync(HttpClient client, long after)
    {
        var events = new List<EventResponse>();
        while (true)
        {
            var page = await client.GetJsonAsync<Page<EventResponse>>($"/api/events?after={after}&limit={EventLog.MaxLimit}");
            events.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return events;
            }

            after = page.Items[^1].Id;
        }
    }

    public static async Task<long> LatestIdAsync(HttpClient client) => (await AfterAsync(client, 0)).LastOrDefault()?.Id ?? 0;
}
