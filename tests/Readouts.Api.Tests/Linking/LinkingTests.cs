using System.Net;
using System.Net.Http.Json;
using Readouts.Api.Calls;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Linking;

/// <summary>Each linking rule, through POST /api/readouts on real PostgreSQL.</summary>
public sealed class LinkingTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    [Fact]
    public async Task Posting_the_kremlin_side_links_it_to_the_presidency_readout()
    {
        var presidency = TestData.Sample("iletisim");
        var kremlin = TestData.Sample("kremlin");

        var turkishSide = await client.PostReadoutAsync(presidency);
        var russianSide = await client.PostReadoutAsync(kremlin);

        Assert.Equal(turkishSide.CallId, russianSide.CallId);
        var call = await client.GetJsonAsync<CallDetails>($"/api/calls/{turkishSide.CallId}");
        Assert.Equal(new DateOnly(2025, 11, 24), call.Date);
        Assert.Equal(["recep-tayyip-erdogan", "vladimir-putin"], call.Leaders.Select(l => l.Slug));
        Assert.Equal(["iletisim", "kremlin"], call.Readouts.Select(r => r.Source).Order());
    }

    [Fact]
    public async Task A_readout_dated_a_day_later_in_its_own_time_zone_joins_the_call()
    {
        var date = TestData.NewDate();
        var white = await client.NewSourceAsync("white-house");
        var mofa = await client.NewSourceAsync("mofa");

        var washington = await client.PostReadoutAsync(TestData.Readout(white, date, "Donald Trump", "Sanae Takaichi"));
        var tokyo = await client.PostReadoutAsync(TestData.Readout(mofa, date.AddDays(1), "高市早苗", "Trump"));

        Assert.Equal(washington.CallId, tokyo.CallId);
    }

    [Fact]
    public async Task The_call_takes_the_earliest_date_its_readouts_give()
    {
        var date = TestData.NewDate();
        var tokyo = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date.AddDays(1), "Sanae Takaichi", "Donald Trump"));
        await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Donald Trump", "Sanae Takaichi"));

        var call = await client.GetJsonAsync<CallDetails>($"/api/calls/{tokyo.CallId}");
        Assert.Equal(date, call.Date);
    }

    [Fact]
    public async Task A_readout_two_days_away_starts_a_new_call()
    {
        var date = TestData.NewDate();
        var first = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Emmanuel Macron", "Friedrich Merz"));
        var second = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date.AddDays(2), "Emmanuel Macron", "Friedrich Merz"));

        Assert.NotEqual(first.CallId, second.CallId);
    }

    [Fact]
    public async Task The_same_sources_second_language_version_joins_the_same_call()
    {
        var date = TestData.NewDate();
        var kremlin = await client.NewSourceAsync("kremlin");
        var russian = TestData.Readout(kremlin, date, "Vladimir Putin", "Xi Jinping");
        var inRussian = await client.PostReadoutAsync(new ReadoutRequest
        {
            Source = russian.Source,
            Language = "ru",
            CallDate = date,
            Title = "Телефонный разговор с Председателем КНР Си Цзиньпином",
            Url = russian.Url,
            Leaders = ["Путин", "Си Цзиньпин"],
            Body = "Состоялся телефонный разговор Владимира Путина с Си Цзиньпином.",
        });
        var inEnglish = await client.PostReadoutAsync(TestData.Readout(kremlin, date, "Vladimir Putin", "Xi Jinping"));

        Assert.Equal(inRussian.CallId, inEnglish.CallId);
        Assert.Equal(["en", "ru"], (await client.GetJsonAsync<CallDetails>($"/api/calls/{inRussian.CallId}")).Readouts.Select(r => r.Language).Order());
    }

    [Fact]
    public async Task A_second_readout_from_the_same_source_in_the_same_language_is_another_call()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var morning = await client.PostReadoutAsync(TestData.Readout(source, date, "Keir Starmer", "Volodymyr Zelenskyy"));
        var evening = await client.PostReadoutAsync(TestData.Readout(source, date, "Keir Starmer", "Volodymyr Zelenskyy"));

        Assert.NotEqual(morning.CallId, evening.CallId);
    }

    [Fact]
    public async Task Two_calls_on_consecutive_days_posted_out_of_order_each_get_their_own_two_sides()
    {
        var day = TestData.NewDate();
        var presidency = await client.NewSourceAsync("presidency");
        var kremlin = await client.NewSourceAsync("kremlin");

        // The presidency posts the later call first, then the earlier; the Kremlin then posts the earlier first.
        var presidencySecondCall = await client.PostReadoutAsync(TestData.Readout(presidency, day.AddDays(1), "Erdoğan", "Putin"));
        var presidencyFirstCall = await client.PostReadoutAsync(TestData.Readout(presidency, day, "Erdoğan", "Putin"));
        var kremlinFirstCall = await client.PostReadoutAsync(TestData.Readout(kremlin, day, "Putin", "Erdoğan"));
        var kremlinSecondCall = await client.PostReadoutAsync(TestData.Readout(kremlin, day.AddDays(1), "Putin", "Erdoğan"));

        Assert.NotEqual(presidencyFirstCall.CallId, presidencySecondCall.CallId);
        Assert.Equal(presidencyFirstCall.CallId, kremlinFirstCall.CallId);
        Assert.Equal(presidencySecondCall.CallId, kremlinSecondCall.CallId);
    }

    [Fact]
    public async Task A_three_leader_call_beside_a_two_leader_call_on_the_same_date_stays_apart()
    {
        var date = TestData.NewDate();
        var elysee = await client.NewSourceAsync("elysee");
        var chancellery = await client.NewSourceAsync("chancellery");

        var pair = await client.PostReadoutAsync(TestData.Readout(elysee, date, "Macron", "Zelensky"));
        var trio = await client.PostReadoutAsync(TestData.Readout(chancellery, date, "Friedrich Merz", "Macron", "Zelensky"));
        var trioOtherSide = await client.PostReadoutAsync(TestData.Readout(elysee, date, "Zelensky", "Merz", "Macron"));
        var pairOtherSide = await client.PostReadoutAsync(TestData.Readout(chancellery, date, "Zelensky", "Macron"));

        Assert.NotEqual(pair.CallId, trio.CallId);
        Assert.Equal(trio.CallId, trioOtherSide.CallId);
        Assert.Equal(pair.CallId, pairOtherSide.CallId);
        Assert.Equal(3, (await client.GetJsonAsync<CallDetails>($"/api/calls/{trio.CallId}")).Leaders.Count);
    }

    [Fact]
    public async Task Both_sides_posted_at_the_same_moment_end_in_one_call()
    {
        const int calls = 12;
        var dates = Enumerable.Range(0, calls).Select(_ => TestData.NewDate()).ToList();
        var kremlin = await client.NewSourceAsync("kremlin");
        var presidency = await client.NewSourceAsync("presidency");

        // Each client is its own connection, so the posts really do race in the database.
        var posts = dates.SelectMany(date => new[]
        {
            api.CreateWriter().PostReadoutAsync(TestData.Readout(kremlin, date, "Putin", "Erdoğan")),
            api.CreateWriter().PostReadoutAsync(TestData.Readout(presidency, date, "Erdoğan", "Putin")),
        });
        var readouts = await Task.WhenAll(posts);

        var callsByDate = readouts.GroupBy(r => r.CallDate).ToDictionary(g => g.Key, g => g.Select(r => r.CallId).Distinct().ToList());
        Assert.All(dates, date => Assert.True(callsByDate[date].Count == 1, $"The two sides of the call on {date} ended in calls {string.Join(", ", callsByDate[date])}."));
    }

    [Fact]
    public async Task Concurrent_posts_creating_the_same_new_topics_all_succeed_and_share_one_topic_each()
    {
        var topics = Enumerable.Range(0, 6).Select(i => $"Topic {Guid.NewGuid():N} {i}").ToList();
        var source = await client.NewSourceAsync();
        var posts = Enumerable.Range(0, 10).Select(i =>
        {
            var request = TestData.Readout(source, TestData.NewDate(), "Putin", "Erdoğan") with
            {
                Topics = i % 2 == 0 ? [.. topics] : [.. Enumerable.Reverse(topics)],
            };
            return api.CreateWriter().PostReadoutAsync(request);
        });

        var readouts = await Task.WhenAll(posts);

        Assert.All(readouts, r => Assert.Equal(topics.Count, r.Topics.Count));
        Assert.Equal(topics.Count, readouts.SelectMany(r => r.Topics).Select(t => t.Slug).Distinct().Count());
    }

    [Fact]
    public async Task Resending_the_same_readout_returns_the_stored_one_and_stores_no_duplicate()
    {
        var request = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Lula", "Milei");
        var first = await client.PostReadoutAsync(request);

        // Leaders spelled differently still resolve to the same content.
        var again = await client.PostReadoutAsync(request with { Leaders = ["luiz-inacio-lula-da-silva", "javier-milei"] }, HttpStatusCode.OK);

        Assert.Equal(first.Id, again.Id);
        var page = await client.GetJsonAsync<Api.Infrastructure.Page<ReadoutSummary>>($"/api/readouts?source={request.Source}");
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task Resending_the_same_url_with_other_content_is_a_conflict()
    {
        var request = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Lula", "Milei");
        await client.PostReadoutAsync(request);

        var response = await client.PostAsJsonAsync("/api/readouts", request with { Body = "A corrected text." });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("different content", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
