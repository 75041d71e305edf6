using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Calls;

/// <summary>Every filter of GET /api/calls, its order and its pages; the leader's and readouts' lists.</summary>
public sealed class CallQueryTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    private Task<Page<CallSummary>> CallsAsync(string query) => client.GetJsonAsync<Page<CallSummary>>($"/api/calls?{query}");

    private static string Window(DateOnly from, DateOnly to) => $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    [Fact]
    public async Task A_leader_filter_accepts_a_slug_a_name_or_an_alias_in_another_script()
    {
        var date = TestData.NewDate();
        var call = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Putin", "Xi Jinping"));

        foreach (var leader in new[] { "vladimir-putin", "Vladimir Putin", "%D0%9F%D1%83%D1%82%D0%B8%D0%BD" /* Путин */, "%E4%B9%A0%E8%BF%91%E5%B9%B3" /* 习近平 */ })
        {
            var page = await CallsAsync($"leader={leader}&{Window(date, date)}");
            Assert.True(page.Items.Any(c => c.Id == call.CallId), $"leader={leader} did not find call {call.CallId}.");
        }
    }

    [Fact]
    public async Task Repeating_leader_returns_only_calls_with_all_of_them()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var trio = await client.PostReadoutAsync(TestData.Readout(source, date, "Macron", "Merz", "Starmer"));
        var pair = await client.PostReadoutAsync(TestData.Readout(source, date, "Macron", "Starmer"));
        var other = await client.PostReadoutAsync(TestData.Readout(source, date, "Macron", "Meloni"));

        var page = await CallsAsync($"leader=macron&leader=starmer&{Window(date, date)}");

        Assert.Equal(new[] { pair.CallId, trio.CallId }.Order(), page.Items.Select(c => c.Id).Order());
        Assert.DoesNotContain(other.CallId, page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task From_and_to_are_inclusive()
    {
        var first = TestData.NewDate();
        TestData.NewDate(); // The calls span nine days: keep the next window free of other tests' calls.
        var source = await client.NewSourceAsync();
        var calls = new List<long>();
        for (var day = 0; day < 5; day++)
        {
            // Two days apart, so that each readout starts a call of its own.
            calls.Add((await client.PostReadoutAsync(TestData.Readout(source, first.AddDays(2 * day), "Modi", "Albanese"))).CallId);
        }

        var page = await CallsAsync($"leader=modi&{Window(first.AddDays(2), first.AddDays(6))}");
        Assert.Equal([calls[3], calls[2], calls[1]], page.Items.Select(c => c.Id));

        // Each bound alone (the fresh source keeps other tests' calls out).
        var fromOnly = await CallsAsync($"source={source}&from={first.AddDays(6):yyyy-MM-dd}");
        Assert.Equal([calls[4], calls[3]], fromOnly.Items.Select(c => c.Id));
        var toOnly = await CallsAsync($"source={source}&to={first.AddDays(2):yyyy-MM-dd}");
        Assert.Equal([calls[1], calls[0]], toOnly.Items.Select(c => c.Id));
        var oneDay = await CallsAsync($"source={source}&{Window(first.AddDays(4), first.AddDays(4))}");
        Assert.Equal([calls[2]], oneDay.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task A_topic_filter_matches_names_that_fold_alike_and_slugs()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var tagged = await client.PostReadoutAsync(TestData.Readout(source, date, "Erdoğan", "Zelensky") with { Topics = ["Türkiye–Ukraine grain corridor"] });
        var untagged = await client.PostReadoutAsync(TestData.Readout(source, date, "Erdoğan", "Putin"));

        foreach (var topic in new[] { "Türkiye–Ukraine grain corridor", "TURKIYE-UKRAINE GRAIN CORRİDOR", "turkiye ukraine grain corridor", "turkiye-ukraine-grain-corridor" })
        {
            var page = await CallsAsync($"topic={Uri.EscapeDataString(topic)}&{Window(date, date)}");
            Assert.True(
                page.Items.Select(c => c.Id).SequenceEqual([tagged.CallId]),
                $"topic={topic} found calls [{string.Join(", ", page.Items.Select(c => c.Id))}], expected only {tagged.CallId} (not {untagged.CallId}).");
        }
    }

    [Fact]
    public async Task A_topic_nobody_has_used_finds_nothing_rather_than_failing()
    {
        var page = await CallsAsync($"topic=never-used-{Guid.NewGuid():N}");

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task A_source_filter_returns_the_calls_it_published_a_readout_of()
    {
        var date = TestData.NewDate();
        var kremlin = await client.NewSourceAsync("kremlin");
        var elysee = await client.NewSourceAsync("elysee");
        var both = await client.PostReadoutAsync(TestData.Readout(kremlin, date, "Putin", "Macron"));
        await client.PostReadoutAsync(TestData.Readout(elysee, date, "Macron", "Putin"));
        var elyseeOnly = await client.PostReadoutAsync(TestData.Readout(elysee, date, "Macron", "Merz"));

        Assert.Equal([both.CallId], (await CallsAsync($"source={kremlin}")).Items.Select(c => c.Id));
        Assert.Equal([elyseeOnly.CallId, both.CallId], (await CallsAsync($"source={elysee}")).Items.Select(c => c.Id).OrderDescending());
    }

    [Fact]
    public async Task A_q_filter_returns_only_calls_whose_readouts_contain_the_words()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var wheat = await client.PostReadoutAsync(TestData.Readout(source, date, "Putin", "Erdoğan") with { Body = "Wheat exports through the Bosphorus were discussed." });
        var gas = await client.PostReadoutAsync(TestData.Readout(source, date, "Putin", "Erdoğan") with { Body = "Gas supplies through TurkStream were discussed." });

        Assert.Equal([wheat.CallId], (await CallsAsync($"q=wheat&{Window(date, date)}")).Items.Select(c => c.Id));
        Assert.Equal([gas.CallId], (await CallsAsync($"q=turkstream&{Window(date, date)}")).Items.Select(c => c.Id));
        Assert.Equal([gas.CallId, wheat.CallId], (await CallsAsync($"q=discussed&{Window(date, date)}")).Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Filters_combine_and_every_one_must_hold()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var match = await client.PostReadoutAsync(TestData.Readout(source, date, "Lula", "Sheinbaum") with { Topics = ["Trade"], Body = "Tariffs and trade were discussed." });
        await client.PostReadoutAsync(TestData.Readout(source, date, "Lula", "Sheinbaum") with { Topics = ["Trade"], Body = "Climate finance was discussed." });
        await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(3), "Lula", "Sheinbaum") with { Topics = ["Trade"], Body = "Tariffs and trade were discussed." });

        var page = await CallsAsync($"leader=lula&leader=sheinbaum&topic=trade&source={source}&q=tariffs&{Window(date, date)}");

        Assert.Equal([match.CallId], page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Calls_come_newest_first_and_pages_walk_every_call_exactly_once()
    {
        var first = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var posted = new List<(DateOnly Date, long CallId)>();
        foreach (var offset in new[] { 0, 4, 2, 4, 0, 2, 6 })
        {
            // Same-date readouts from one source in one language are separate calls: several per date.
            var readout = await client.PostReadoutAsync(TestData.Readout(source, first.AddDays(offset), "Ramaphosa", "Prabowo"));
            posted.Add((readout.CallDate, readout.CallId));
        }

        var seen = new List<CallSummary>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await CallsAsync($"leader=ramaphosa&{Window(first, first.AddDays(6))}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        var expected = posted.OrderByDescending(c => c.Date).ThenByDescending(c => c.CallId).Select(c => c.CallId);
        Assert.Equal(expected, seen.Select(c => c.Id));
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task A_leaders_list_follows_a_call_whose_date_moves_by_a_post_a_batch_a_correction_or_a_deletion()
    {
        var day = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var older = await client.PostReadoutAsync(TestData.Readout(source, day.AddDays(3), "Modi", "Albanese"));
        var newer = await client.PostReadoutAsync(TestData.Readout(source, day.AddDays(2), "Modi", "Ramaphosa"));

        async Task ListShouldBeAsync(string when, string window, params long[] expected)
        {
            var listed = (await CallsAsync($"leader=modi&{window}")).Items.Select(c => $"{c.Id} on {c.Date:yyyy-MM-dd}").ToList();
            var calls = (await CallsAsync($"source={source}&{Window(day, day.AddDays(6))}")).Items.ToDictionary(c => c.Id, c => $"{c.Id} on {c.Date:yyyy-MM-dd}");
            Assert.True(
                listed.SequenceEqual(expected.Select(id => calls.GetValueOrDefault(id, $"{id} (gone)"))),
                $"{when}: leader=modi&{window} listed [{string.Join(", ", listed)}], expected [{string.Join(", ", expected.Select(id => calls.GetValueOrDefault(id, $"{id} (gone)")))}].");
        }

        var week = Window(day, day.AddDays(6));
        await ListShouldBeAsync("At first", week, older.CallId, newer.CallId);

        // Another source dates the first call a day earlier: both calls are on day 2 now, the newer one first.
        var earlierSide = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), day.AddDays(2), "Modi", "Albanese"));
        Assert.Equal(older.CallId, earlierSide.CallId);
        await ListShouldBeAsync("After a side dated a day earlier joined the first call", week, newer.CallId, older.CallId);
        await ListShouldBeAsync("After a side dated a day earlier joined the first call", Window(day.AddDays(3), day.AddDays(6)));

        // A batch brings a side dated a day earlier still.
        var batchSource = await client.NewSourceAsync();
        var batch = await client.PostAsJsonAsync("/api/readouts/batch", new[] { TestData.Readout(batchSource, day.AddDays(1), "Modi", "Albanese") });
        await batch.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await ListShouldBeAsync("After a batch brought a side dated day 1", Window(day, day.AddDays(1)), older.CallId);

        // Deleting that side gives the call its day 2 back.
        var batchSide = (await CallsAsync($"source={batchSource}&{week}")).Items.Single();
        var batchReadout = (await client.GetJsonAsync<CallDetails>($"/api/calls/{batchSide.Id}")).Readouts.Single(r => r.Source == batchSource);
        await (await client.DeleteReadoutAsync(batchReadout.Id, await client.ETagOfAsync($"/api/readouts/{batchReadout.Id}"))).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await ListShouldBeAsync("After the day 1 side was deleted", Window(day, day.AddDays(1)));
        await ListShouldBeAsync("After the day 1 side was deleted", week, newer.CallId, older.CallId);

        // A correction moves the second call's only readout to day 5: it is relinked to a call of that day.
        var corrected = TestData.Readout(source, day.AddDays(5), "Modi", "Ramaphosa") with { Url = newer.Url };
        var put = await client.PutReadoutAsync(newer.Id, corrected, await client.ETagOfAsync($"/api/readouts/{newer.Id}"));
        await put.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var moved = (await put.Content.ReadFromJsonAsync<ReadoutResponse>())!;
        await ListShouldBeAsync("After a correction moved the second call to day 5", week, moved.CallId, older.CallId);
        await ListShouldBeAsync("After a correction moved the second call to day 5", Window(day.AddDays(5), day.AddDays(5)), moved.CallId);
    }

    [Fact]
    public async Task A_call_in_a_list_has_its_leaders_topics_and_sources()
    {
        var date = TestData.NewDate();
        var first = await client.NewSourceAsync("first");
        var second = await client.NewSourceAsync("second");
        var readout = await client.PostReadoutAsync(TestData.Readout(first, date, "Carney", "Trump") with { Topics = ["Tariffs", "Arctic security"] });
        await client.PostReadoutAsync(TestData.Readout(second, date, "Trump", "Carney") with { Topics = ["tariffs", "Fentanyl"] });

        var call = Assert.Single((await CallsAsync($"leader=carney&{Window(date, date)}")).Items);

        Assert.Equal(readout.CallId, call.Id);
        Assert.Equal(date, call.Date);
        Assert.Equal([("donald-trump", "Donald Trump", "US"), ("mark-carney", "Mark Carney", "CA")], call.Leaders.Select(l => (l.Slug, l.Name, l.Country)).Order());
        // Their labels (Tariffs is a theme of the registry, the others labels of their own), and what both texts mention.
        Assert.Equal(
            [("arctic-security", "Arctic security", "other"), ("bilateral-relations", "Bilateral relations", "theme"), ("fentanyl", "Fentanyl", "other"), ("tariffs", "Tariffs", "theme")],
            call.Topics.Select(t => (t.Slug, t.Name, t.Kind)).Order());
        Assert.Equal([first, second], call.Sources.Order());
    }

    [Fact]
    public async Task A_call_in_a_list_has_exactly_the_documented_json_fields()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var readout = await client.PostReadoutAsync(TestData.Readout(source, date, "Albanese", "Takaichi") with { Topics = ["Critical minerals"], Body = "The leaders spoke." });

        var page = await client.GetJsonAsync<JsonElement>($"/api/calls?leader=albanese&{Window(date, date)}");

        Assert.Equal(["items", "nextCursor"], Names(page));
        var call = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(["date", "id", "leaders", "sources", "topics"], Names(call));
        Assert.Equal(readout.CallId, call.GetProperty("id").GetInt64());
        Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), call.GetProperty("date").GetString());
        Assert.All(call.GetProperty("leaders").EnumerateArray(), l => Assert.Equal(["country", "name", "slug"], Names(l)));
        Assert.Equal(["anthony-albanese", "sanae-takaichi"], call.GetProperty("leaders").EnumerateArray().Select(l => l.GetProperty("slug").GetString()).Order());
        var topic = Assert.Single(call.GetProperty("topics").EnumerateArray());
        Assert.Equal(["kind", "name", "slug"], Names(topic));
        Assert.Equal("critical-minerals", topic.GetProperty("slug").GetString());
        Assert.Equal([source], call.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
    }

    private static List<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task A_leaders_calls_are_listed_under_the_leader_and_an_unknown_slug_is_404()
    {
        var date = TestData.NewDate();
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Mohammed bin Salman", "Trump"));

        var page = await client.GetJsonAsync<Page<CallSummary>>($"/api/leaders/mohammed-bin-salman/calls?{Window(date, date)}");
        Assert.Equal([readout.CallId], page.Items.Select(c => c.Id));

        var missing = await client.GetAsync("/api/leaders/nobody-at-all/calls");
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_slug_asked_for_before_its_leader_existed_lists_the_leaders_calls_once_it_does()
    {
        // Leaders found by slug are kept for the life of the process; one not found must not be.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var slug = $"ana-kowal-{suffix}";
        var before = await client.GetAsync($"/api/leaders/{slug}/calls");
        await before.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        using var created = await client.PostAsJsonAsync("/api/leaders", new { name = $"Ana Kowal {suffix}", country = "pl" });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var date = TestData.NewDate();
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, slug, "Trump"));

        var page = await client.GetJsonAsync<Page<CallSummary>>($"/api/leaders/{slug}/calls?{Window(date, date)}");
        Assert.True(page.Items.Select(c => c.Id).SequenceEqual([readout.CallId]), $"{slug}'s calls on {date}: [{string.Join(", ", page.Items.Select(c => c.Id))}], expected [{readout.CallId}].");
    }

    [Fact]
    public async Task A_leaders_calls_take_the_same_filters_as_the_call_list()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var withMerz = await client.PostReadoutAsync(TestData.Readout(source, date, "Macron", "Merz") with { Topics = ["Defence"] });
        var withMeloni = await client.PostReadoutAsync(TestData.Readout(source, date, "Macron", "Meloni") with { Topics = ["Migration"] });
        var later = await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(3), "Macron", "Merz") with { Topics = ["Defence"] });

        var all = await client.GetJsonAsync<Page<CallSummary>>($"/api/leaders/emmanuel-macron/calls?{Window(date, date.AddDays(3))}");
        Assert.Equal([later.CallId, withMeloni.CallId, withMerz.CallId], all.Items.Select(c => c.Id));

        var withLeader = await client.GetJsonAsync<Page<CallSummary>>($"/api/leaders/emmanuel-macron/calls?leader=merz&{Window(date, date)}");
        Assert.Equal([withMerz.CallId], withLeader.Items.Select(c => c.Id));

        var byTopic = await client.GetJsonAsync<Page<CallSummary>>($"/api/leaders/emmanuel-macron/calls?topic=migration&{Window(date, date.AddDays(3))}");
        Assert.Equal([withMeloni.CallId], byTopic.Items.Select(c => c.Id));

        var paged = await client.GetJsonAsync<Page<CallSummary>>($"/api/leaders/emmanuel-macron/calls?{Window(date, date.AddDays(3))}&limit=2");
        Assert.Equal([later.CallId, withMeloni.CallId], paged.Items.Select(c => c.Id));
        Assert.NotNull(paged.NextCursor);
        var rest = await client.GetJsonAsync<Page<CallSummary>>($"/api/leaders/emmanuel-macron/calls?{Window(date, date.AddDays(3))}&limit=2&cursor={paged.NextCursor}");
        Assert.Equal([withMerz.CallId], rest.Items.Select(c => c.Id));
        Assert.Null(rest.NextCursor);
    }

    [Fact]
    public async Task Readouts_are_listed_by_source_leader_and_dates_across_pages()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(i), "Meloni", "Milei"))).Id);
        }

        await client.PostReadoutAsync(TestData.Readout(source, date, "Meloni", "Modi"));
        await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(4), "Meloni", "Milei"));

        var first = await client.GetJsonAsync<Page<ReadoutSummary>>($"/api/readouts?source={source}&leader=milei&{Window(date, date.AddDays(2))}&limit=2");
        var second = await client.GetJsonAsync<Page<ReadoutSummary>>($"/api/readouts?source={source}&leader=milei&{Window(date, date.AddDays(2))}&limit=2&cursor={first.NextCursor}");

        Assert.Equal([ids[2], ids[1]], first.Items.Select(r => r.Id));
        Assert.Equal([ids[0]], second.Items.Select(r => r.Id));
        Assert.Null(second.NextCursor);
    }
}
