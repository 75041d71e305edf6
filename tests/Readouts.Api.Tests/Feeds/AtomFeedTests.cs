using System.Net;
using System.Net.Http.Headers;
using System.ServiceModel.Syndication;
using System.Xml;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Feeds;

/// <summary>GET /feeds/calls.atom, read by .NET's own Atom 1.0 parser (System.ServiceModel.Syndication), as a feed reader would.</summary>
public sealed class AtomFeedTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    [Fact]
    public async Task A_feed_reader_reads_each_call_with_its_sides_titles_in_their_languages_and_links_to_its_page()
    {
        var (presidency, kremlin, date) = (await client.NewSourceAsync("iletisim"), await client.NewSourceAsync("kremlin"), TestData.NewDate());
        var turkish = await client.PostReadoutAsync(TestData.TurkishSide(presidency, date));
        var russian = await client.PostReadoutAsync(TestData.RussianSide(kremlin, date));

        var (feed, response) = await ReadAsync($"/feeds/calls.atom?source={kremlin}");

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var entry = Assert.Single(feed.Items);
        Assert.Equal($"http://localhost/calls/{russian.CallId}", entry.Id);
        Assert.Contains("Recep Tayyip Erdoğan", entry.Title.Text);
        Assert.Contains("Vladimir Putin", entry.Title.Text);
        Assert.Contains($"/calls/{russian.CallId}", entry.Links.Single(l => l.RelationshipType == "alternate" && l.MediaType == "text/html").Uri.AbsoluteUri);
        Assert.Contains($"/api/calls/{russian.CallId}", entry.Links.Single(l => l.MediaType == "application/json").Uri.AbsoluteUri);
        Assert.Equal([turkish.Url, russian.Url], entry.Links.Where(l => l.RelationshipType == "related").Select(l => l.Uri.AbsoluteUri));
        Assert.Contains("Телефонный разговор с Президентом Турции", entry.Summary.Text);
        Assert.Contains("Cumhurbaşkanı Erdoğan", entry.Summary.Text);
        Assert.Equal(2, entry.Authors.Count);
        Assert.Contains(entry.Categories, c => c.Name == "ukraine");
        Assert.Contains("/feeds/calls.atom", feed.Links.Single(l => l.RelationshipType == "self").Uri.AbsoluteUri);
    }

    [Fact]
    public async Task The_entry_is_updated_when_the_other_side_joins_or_a_readout_is_corrected_and_the_etag_says_so()
    {
        var (presidency, kremlin, date) = (await client.NewSourceAsync("iletisim"), await client.NewSourceAsync("kremlin"), TestData.NewDate());
        await client.PostReadoutAsync(TestData.TurkishSide(presidency, date));
        var url = $"/feeds/calls.atom?source={presidency}";
        var (first, firstResponse) = await ReadAsync(url);
        var etag = firstResponse.Headers.ETag!;

        var unchanged = new HttpRequestMessage(HttpMethod.Get, url);
        unchanged.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(unchanged)).StatusCode);

        // Atom's timestamps are to the second, as feed readers read them.
        await Task.Delay(1100);
        var russian = await client.PostReadoutAsync(TestData.RussianSide(kremlin, date));
        var (joined, joinedResponse) = await ReadAsync(url);
        Assert.NotEqual(etag, joinedResponse.Headers.ETag);
        Assert.True(joined.Items.Single().LastUpdatedTime > first.Items.Single().LastUpdatedTime, $"The entry's updated did not move when the Kremlin's readout joined: {first.Items.Single().LastUpdatedTime:O} then {joined.Items.Single().LastUpdatedTime:O}.");

        await Task.Delay(1100);
        await (await client.PutReadoutAsync(russian.Id, TestData.RussianSide(kremlin, date) with { Title = "Телефонный разговор с Президентом Турции (уточнено)" }, "\"1\"")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var (corrected, _) = await ReadAsync(url);
        Assert.True(corrected.Items.Single().LastUpdatedTime > joined.Items.Single().LastUpdatedTime, $"The entry's updated did not move with the correction: {joined.Items.Single().LastUpdatedTime:O} then {corrected.Items.Single().LastUpdatedTime:O}.");
        Assert.Contains("(уточнено)", corrected.Items.Single().Summary.Text);
    }

    [Fact]
    public async Task Leader_and_topic_filter_the_feed_and_a_bad_filter_is_a_problem()
    {
        var source = await client.NewSourceAsync("filters");
        var date = TestData.NewDate();
        var lula = await client.PostReadoutAsync(TestData.Readout(source, date, "Lula", "Modi") with { Topics = ["Comércio"], Body = "Os líderes discutiram o comércio e a energia." });
        await client.PostReadoutAsync(TestData.Readout(source, date, "Erdoğan", "Putin"));

        var (byLeader, _) = await ReadAsync($"/feeds/calls.atom?leader={Uri.EscapeDataString("Лула")}&source={source}");
        Assert.Equal([$"http://localhost/calls/{lula.CallId}"], byLeader.Items.Select(i => i.Id));
        var (both, _) = await ReadAsync($"/feeds/calls.atom?source={source}");
        Assert.Equal(2, both.Items.Count());

        var unknown = await client.GetAsync("/feeds/calls.atom?leader=nobody-at-all");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    private async Task<(SyndicationFeed Feed, HttpResponseMessage Response)> ReadAsync(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/atom+xml"));
        var response = await client.SendAsync(request);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "The answer is not an Atom 1.0 feed.");
        formatter.ReadFrom(reader);
        return (formatter.Feed, response);
    }
}
