using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Pages;

/// <summary>The pages for people, over HTTP: what they show, what they escape, what they answer for nothing.</summary>
public sealed partial class PageTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>, IAsyncLifetime
{
    private readonly HttpClient client = api.CreateWriter();
    private readonly HttpClient browser = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    private long seedCallId;

    // The class shares one database: a second test's posts are identical resends.
    public async Task InitializeAsync() => seedCallId = await client.PostSamplesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The page's HTML, after checking that it is one, with this status.</summary>
    private async Task<string> PageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url} answered {(int)response.StatusCode}, not {(int)expected}:\n{html[..Math.Min(html.Length, 2000)]}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "text/html", $"GET {url} answered {response.Content.Headers.ContentType}, not a page.");
        Assert.True(
            response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single() == SecurityHeaders.PageContentSecurityPolicy,
            $"GET {url} lacks the pages' Content-Security-Policy.");
        return html;
    }

    private static void ShouldContain(string expected, string html, string what) =>
        Assert.True(html.Contains(expected, StringComparison.Ordinal), $"The page should show {what} ({expected}); it reads:\n{html}");

    [GeneratedRegex("""<a href="/calls/(\d+)">""")]
    private static partial Regex CallLink();

    private static List<long> CallIdsOf(string html) => CallLink().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public async Task The_seed_calls_page_shows_each_sources_account_in_its_language_with_the_shared_subject_marked_in_both()
    {
        var html = await PageAsync($"/calls/{seedCallId}");

        ShouldContain("""<article class="readout" lang="ru" dir="ltr">""", html, "the Kremlin's account, in Russian");
        ShouldContain("""<article class="readout" lang="tr" dir="ltr">""", html, "the Presidency's account, in Turkish");
        ShouldContain("Телефонный разговор с Президентом Турции", html, "the Kremlin's title as written");
        ShouldContain("""<mark class="shared" title="every source names it">Украины</mark>""", html, "Ukraine marked shared in the Russian text");
        ShouldContain("""<mark class="shared" title="every source names it">Ukrayna</mark>""", html, "Ukraine marked shared in the Turkish text");
        ShouldContain("""<mark class="only" title="only President of Russia (Kremlin) names it">Группы двадцати</mark>""", html, "the G20, which only the Kremlin names, marked one-sided");
        ShouldContain("""<h2 id="by-subject">By subject</h2>""", html, "the comparison by subject");
        ShouldContain("""<a href="/leaders/vladimir-putin">Vladimir Putin</a>""", html, "a link to a leader's page");
        ShouldContain("""<a href="/topics/ukraine">Ukraine</a>""", html, "a link to the subject's page");
        ShouldContain($"""<a href="/api/calls/{seedCallId}">""", html, "a link to the call's JSON");
        ShouldContain($"""<link rel="canonical" href="http://localhost/calls/{seedCallId}">""", html, "its canonical address");
    }

    [Fact]
    public async Task Readout_texts_show_as_text_never_as_markup()
    {
        var source = await client.NewSourceAsync("hostile");
        var posted = await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Vladimir Putin", "Recep Tayyip Erdoğan") with
        {
            Title = "<img src=x onerror=alert(1)> \"quoted\" & more",
            Body = "Before <script>window.readoutsPwned = true</script> after.\nA <b>bold</b> claim about Ukraine.",
            Statements = [new StatementRequest { Speaker = "Vladimir Putin", Text = "</blockquote><script>alert(2)</script>" }],
        });

        var html = await PageAsync($"/calls/{posted.CallId}");

        ShouldContain("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; more", html, "the title escaped");
        ShouldContain("Before &lt;script&gt;window.readoutsPwned = true&lt;/script&gt; after.", html, "the body escaped");
        ShouldContain("&lt;/blockquote&gt;&lt;script&gt;alert(2)&lt;/script&gt;", html, "the statement escaped");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_arabic_account_is_written_right_to_left_beside_a_left_to_right_one()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync("arabic");
        var arabic = await client.PostReadoutAsync(TestData.Readout(source, date, "Vladimir Putin", "Recep Tayyip Erdoğan") with
        {
            Language = "ar",
            Title = "اتصال هاتفي بين الرئيسين",
            Body = "بحث الرئيسان الوضع في أوكرانيا.",
            Topics = [],
        });
        await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync("english"), date, "Vladimir Putin", "Recep Tayyip Erdoğan") with { Body = "The leaders discussed Ukraine." });

        var html = await PageAsync($"/calls/{arabic.CallId}");

        ShouldContain("""<article class="readout" lang="ar" dir="rtl">""", html, "the Arabic account right to left");
        ShouldContain("""<article class="readout" lang="en" dir="ltr">""", html, "the English account left to right");
        ShouldContain("""<dl class="facts" lang="en" dir="ltr">""", html, "the page's own English labels left to right inside the Arabic column");
        ShouldContain(""">أوكرانيا</mark>""", html, "Ukraine marked in the Arabic text");
    }

    [Fact]
    public async Task Unknown_calls_leaders_subjects_and_addresses_get_the_404_page_and_the_api_keeps_its_problems()
    {
        foreach (var url in new[] { "/calls/999999999", "/leaders/nobody-at-all", "/topics/no-such-subject", "/no/such/page", "/error/500" })
        {
            ShouldContain("<h1>Not found</h1>", await PageAsync(url, HttpStatusCode.NotFound), $"the 404 page for {url}");
        }

        var api404 = await browser.GetAsync("/api/calls/999999999");
        await api404.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pages_write_nothing()
    {
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
        {
            var response = await browser.SendAsync(new HttpRequestMessage(method, $"/calls/{seedCallId}") { Content = new StringContent("") });
            Assert.True((int)response.StatusCode >= 400, $"{method} /calls/{seedCallId} answered {(int)response.StatusCode}: a page must refuse writes.");
        }

        Assert.Equal(2, (await client.GetJsonAsync<CallDetails>($"/api/calls/{seedCallId}")).Readouts.Count);
    }

    [Fact]
    public async Task The_home_page_lists_what_the_api_lists_with_the_shared_subjects_and_pages_by_its_cursors()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync("paged");
        for (var i = 0; i < Paging.DefaultLimit + 1; i++)
        {
            await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(-2 * i), "Emmanuel Macron", "Friedrich Merz"));
        }

        var first = await PageAsync($"/?source={source}&leader=&q=");
        var next = Regex.Match(first, "<a rel=\"next\" href=\"([^\"]+)\">Older calls</a>");
        Assert.True(next.Success, $"The first page should link to the next:\n{first}");
        var second = await PageAsync(WebUtility.HtmlDecode(next.Groups[1].Value));

        var listed = await client.GetAllPagesAsync<CallSummary>($"/api/calls?source={source}", 20);
        Assert.Equal(listed.Select(c => c.Id), CallIdsOf(first).Concat(CallIdsOf(second)));

        var home = await PageAsync("/");
        ShouldContain($"""<a href="/calls/{seedCallId}">24 November 2025</a>""", home, "the seed call");
        ShouldContain("""<a class="mark shared" href="/topics/ukraine">Ukraine</a>""", home, "the seed call's shared subject");
    }

    [Fact]
    public async Task A_side_that_names_no_subject_leaves_nothing_shared_on_the_home_page_as_in_the_comparison()
    {
        var (first, second, silent) = (await client.NewSourceAsync("side"), await client.NewSourceAsync("side"), await client.NewSourceAsync("side"));
        var date = TestData.NewDate();
        var call = (await client.PostReadoutAsync(TestData.Readout(first, date, "Lula", "Modi") with { Topics = ["Energy"], Body = "The leaders discussed energy." })).CallId;
        await client.PostReadoutAsync(TestData.Readout(second, date, "Lula", "Modi") with { Topics = ["Energy"], Body = "Energy was discussed." });
        var withTwo = await PageAsync($"/?source={first}");
        ShouldContain("""<a class="mark shared" href="/topics/energy">Energy</a>""", withTwo, "energy, which both sides name");

        await client.PostReadoutAsync(TestData.Readout(silent, date, "Lula", "Modi") with { Topics = [], Title = "Telephone conversation", Body = "The leaders spoke by telephone." });

        var comparison = await client.GetJsonAsync<System.Text.Json.JsonElement>($"/api/calls/{call}/comparison");
        Assert.Equal(0, comparison.GetProperty("sharedTopics").GetArrayLength());
        var withThree = await PageAsync($"/?source={first}");
        Assert.False(withThree.Contains("mark shared", StringComparison.Ordinal), $"The home page shows a shared subject that the third side does not name:\n{withThree}");
    }

    [Fact]
    public async Task The_search_form_filters_as_the_api_does_and_says_what_it_could_not_use()
    {
        Assert.Equal([seedCallId], CallIdsOf(await PageAsync("/?q=%D0%A1%D1%82%D0%B0%D0%BC%D0%B1%D1%83%D0%BB")));
        Assert.Equal([seedCallId], CallIdsOf(await PageAsync("/?q=bar%C4%B1%C5%9F")));
        Assert.Equal([seedCallId], CallIdsOf(await PageAsync("/?leader=Putin&leader=Erdo%C4%9Fan&topic=%D0%A3%D0%BA%D1%80%D0%B0%D0%B8%D0%BD%D0%B0&from=2025-11-24&to=2025-11-24&source=kremlin")));

        ShouldContain("nobody-at-all", await PageAsync("/?leader=nobody-at-all", HttpStatusCode.UnprocessableEntity), "which leader is unknown");
        ShouldContain("&#x27;from&#x27; must be a date", await PageAsync("/?from=2025-13-01", HttpStatusCode.BadRequest), "the date it could not read");
        ShouldContain("&#x27;from&#x27; must not be after &#x27;to&#x27;", await PageAsync("/?from=2025-12-01&to=2025-11-01", HttpStatusCode.BadRequest), "the validator's message");
        ShouldContain("value=\"Стамбул\"", await PageAsync("/?q=%D0%A1%D1%82%D0%B0%D0%BC%D0%B1%D1%83%D0%BB"), "the search kept in the form");
    }

    [Fact]
    public async Task A_leaders_page_charts_their_calls_per_month_and_names_who_they_talk_to_most()
    {
        var slug = await NewLeaderAsync();
        var source = await client.NewSourceAsync("monthly");
        var date = new DateOnly(2020, 1, 15);
        await client.PostReadoutAsync(TestData.Readout(source, date, slug, "Emmanuel Macron"));
        await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(5), slug, "Emmanuel Macron"));
        await client.PostReadoutAsync(TestData.Readout(source, date.AddMonths(2), slug, "Friedrich Merz"));

        var html = await PageAsync($"/leaders/{slug}");

        Assert.Equal(2, Regex.Count(html, "<rect class=\"bar\""));
        ShouldContain("<title>January 2020: 2 calls</title>", html, "January's bar");
        ShouldContain("<title>March 2020: 1 call</title>", html, "March's bar");
        ShouldContain("<tr><td>February 2020</td><td>0</td></tr>", html, "the month without calls in the table");
        ShouldContain("""<a href="/leaders/emmanuel-macron">Emmanuel Macron</a> <span class="country">(FR)</span>: <a href""", html, "the counterpart they talk to most, first");
        Assert.True(html.IndexOf("emmanuel-macron\">Emmanuel Macron</a> <span", StringComparison.Ordinal) < html.IndexOf("friedrich-merz\">Friedrich Merz</a> <span", StringComparison.Ordinal), "Macron (2 calls) should come before Merz (1).");
    }

    [Fact]
    public async Task A_subjects_page_lists_its_calls_and_who_talks_about_it_and_a_merged_slug_moves_to_its_subject()
    {
        var html = await PageAsync("/topics/ukraine");
        Assert.Contains(seedCallId, CallIdsOf(html));
        ShouldContain("""<a href="/leaders/vladimir-putin">Vladimir Putin</a>""", html, "Putin among who talks about it");
        ShouldContain("Wikidata <a href=\"https://www.wikidata.org/wiki/Q212\">Q212</a>", html, "its Wikidata id");
        ShouldContain("""<span lang="ru" dir="ltr">Украина</span>""", html, "its Russian name");

        var label = $"Ukrainefrage {Guid.NewGuid():N}"[..20];
        var posted = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync("merge"), TestData.NewDate(), "Vladimir Putin", "Friedrich Merz") with { Topics = [label] });
        var old = posted.Topics.Single();
        await (await client.PostAsJsonAsync("/api/topics/ukraine/merge", new { topics = new[] { old.Slug } })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var moved = await browser.GetAsync($"/topics/{old.Slug}");
        Assert.Equal(HttpStatusCode.PermanentRedirect, moved.StatusCode);
        Assert.Equal("/topics/ukraine", moved.Headers.Location?.ToString());
    }

    private async Task<string> NewLeaderAsync()
    {
        var name = $"Leader {Guid.NewGuid():N}"[..20];
        var response = await client.PostAsJsonAsync("/api/leaders", new { name, country = "PT" });
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<LeaderResponse>())!.Slug;
    }
}
