using System.Globalization;
using System.Net;
using System.Text.Json;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Readouts;

/// <summary>GET /api/readouts: its filters, its order and its pages.</summary>
public sealed class ReadoutListTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    private Task<Page<ReadoutSummary>> ReadoutsAsync(string query) => client.GetJsonAsync<Page<ReadoutSummary>>($"/api/readouts?{query}");

    private static string Window(DateOnly from, DateOnly to) => $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    [Fact]
    public async Task A_source_filter_returns_only_that_sources_readouts()
    {
        var date = TestData.NewDate();
        var kremlin = await client.NewSourceAsync("kremlin");
        var presidency = await client.NewSourceAsync("presidency");
        var russian = await client.PostReadoutAsync(TestData.Readout(kremlin, date, "Putin", "Erdoğan"));
        var turkish = await client.PostReadoutAsync(TestData.Readout(presidency, date, "Erdoğan", "Putin"));

        Assert.Equal(russian.CallId, turkish.CallId);
        Assert.Equal([russian.Id], (await ReadoutsAsync($"source={kremlin}")).Items.Select(r => r.Id));
        Assert.Equal([turkish.Id], (await ReadoutsAsync($"source={presidency}")).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task A_leader_filter_accepts_a_slug_a_name_or_an_alias_in_another_script()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var withLula = await client.PostReadoutAsync(TestData.Readout(source, date, "Lula", "Sheinbaum"));
        await client.PostReadoutAsync(TestData.Readout(source, date, "Sheinbaum", "Carney"));

        foreach (var leader in new[] { "luiz-inacio-lula-da-silva", "Luiz Inácio Lula da Silva", "Лула" })
        {
            var page = await ReadoutsAsync($"source={source}&leader={Uri.EscapeDataString(leader)}");
            Assert.True(page.Items.Select(r => r.Id).SequenceEqual([withLula.Id]), $"leader={leader} listed readouts [{string.Join(", ", page.Items.Select(r => r.Id))}], expected only {withLula.Id}.");
        }
    }

    [Fact]
    public async Task From_and_to_are_inclusive_bounds_on_the_call_date()
    {
        var first = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var ids = new List<long>();
        for (var day = 0; day < 4; day++)
        {
            ids.Add((await client.PostReadoutAsync(TestData.Readout(source, first.AddDays(2 * day), "Starmer", "Carney"))).Id);
        }

        Assert.Equal([ids[2], ids[1]], (await ReadoutsAsync($"source={source}&{Window(first.AddDays(2), first.AddDays(4))}")).Items.Select(r => r.Id));
        Assert.Equal([ids[3], ids[2]], (await ReadoutsAsync($"source={source}&from={first.AddDays(4):yyyy-MM-dd}")).Items.Select(r => r.Id));
        Assert.Equal([ids[0]], (await ReadoutsAsync($"source={source}&to={first:yyyy-MM-dd}")).Items.Select(r => r.Id));
        Assert.Empty((await ReadoutsAsync($"source={source}&{Window(first.AddDays(1), first.AddDays(1))}")).Items);
    }

    [Fact]
    public async Task Readouts_come_newest_first_and_pages_walk_every_readout_exactly_once()
    {
        var first = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var posted = new List<ReadoutResponse>();
        foreach (var offset in new[] { 2, 0, 4, 2, 0 })
        {
            posted.Add(await client.PostReadoutAsync(TestData.Readout(source, first.AddDays(offset), "Ramaphosa", "Lula")));
        }

        var seen = new List<long>();
        var cursors = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await ReadoutsAsync($"source={source}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(r => r.Id));
            cursor = page.NextCursor;
            cursors.Add(cursor);
        }
        while (cursor is not null && cursors.Count < 10);

        var expected = posted.OrderByDescending(r => r.CallDate).ThenByDescending(r => r.Id).Select(r => r.Id);
        Assert.Equal(expected, seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(3, cursors.Count);
        Assert.Null(cursors[^1]);
    }

    [Fact]
    public async Task A_readout_in_a_list_has_its_summary_fields_but_not_its_texts()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var published = new DateTimeOffset(date.ToDateTime(new TimeOnly(18, 30)), TimeSpan.FromHours(3));
        var readout = await client.PostReadoutAsync(TestData.Readout(source, date, "Modi", "Prabowo") with { Language = "en-GB", PublishedAt = published });

        var page = await client.GetJsonAsync<JsonElement>($"/api/readouts?source={source}");

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(
            ["callDate", "callId", "id", "language", "publishedAt", "source", "title", "url"],
            item.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(readout.Id, item.GetProperty("id").GetInt64());
        Assert.Equal(readout.CallId, item.GetProperty("callId").GetInt64());
        Assert.Equal(source, item.GetProperty("source").GetString());
        Assert.Equal("en-GB", item.GetProperty("language").GetString());
        Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), item.GetProperty("callDate").GetString());
        Assert.Equal(published, item.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal(TimeSpan.Zero, item.GetProperty("publishedAt").GetDateTimeOffset().Offset);
        Assert.Equal(readout.Url, item.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Filters_combine_and_every_one_must_hold()
    {
        var date = TestData.NewDate();
        var source = await client.NewSourceAsync();
        var other = await client.NewSourceAsync();
        var match = await client.PostReadoutAsync(TestData.Readout(source, date, "Meloni", "Milei"));
        await client.PostReadoutAsync(TestData.Readout(other, date, "Meloni", "Milei"));
        await client.PostReadoutAsync(TestData.Readout(source, date, "Meloni", "Merz"));
        await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(3), "Meloni", "Milei"));

        var page = await ReadoutsAsync($"source={source}&leader=milei&{Window(date, date.AddDays(1))}");

        Assert.Equal([match.Id], page.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task An_unknown_leader_filter_is_rejected_rather_than_ignored()
    {
        var response = await client.GetAsync($"/api/readouts?leader=nobody-{Guid.NewGuid():N}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(problem.ErrorsFor("leader"));
    }
}
