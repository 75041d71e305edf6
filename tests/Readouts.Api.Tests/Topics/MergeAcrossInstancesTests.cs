using System.Net;
using System.Net.Http.Json;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Topics;

/// <summary>
/// A merge made on one API instance holds on another at once, although that one keeps the
/// registry's names in memory: it hears of the merge (LISTEN/NOTIFY), and what it still does with
/// the merged topic in the meantime fails on the database and is done again with the registry as it is.
/// </summary>
public sealed class MergeAcrossInstancesTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    [Fact]
    public async Task A_merge_on_one_instance_is_seen_at_once_by_another_that_knew_the_merged_topic()
    {
        using var secondInstance = api.WithWebHostBuilder(_ => { });
        var first = api.CreateWriter();
        var second = secondInstance.CreateClient();
        second.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);
        var label = $"Ukrainian file {Guid.NewGuid().ToString("N")[..8]}";
        var source = await first.NewSourceAsync();
        var date = TestData.NewDate();

        // The second instance makes the label's topic, then learns it from the database.
        var before = await second.PostReadoutAsync(TestData.Readout(source, date, "Lula", "Modi") with { Topics = [label], Body = "…" });
        var learned = await second.PostReadoutAsync(TestData.Readout(source, date.AddDays(-3), "Lula", "Modi") with { Topics = [label], Body = "…" });
        var merged = Assert.Single(before.Topics).Slug;
        Assert.Equal(merged, Assert.Single(learned.Topics).Slug);

        await (await first.PostAsJsonAsync("/api/topics/ukraine/merge", new { topics = new[] { merged } })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var after = await second.PostReadoutAsync(TestData.Readout(source, date.AddDays(-6), "Lula", "Modi") with { Topics = [label], Body = "…" });
        Assert.Equal(["ukraine"], after.Topics.Select(t => t.Slug));
        Assert.Equal(["ukraine"], (await second.GetJsonAsync<ReadoutResponse>($"/api/readouts/{before.Id}")).Topics.Select(t => t.Slug));
        var noRedirects = secondInstance.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.PermanentRedirect, (await noRedirects.GetAsync($"/api/topics/{merged}")).StatusCode);
        var calls = await second.GetJsonAsync<Page<CallSummary>>($"/api/calls?topic={Uri.EscapeDataString(label)}&from={date.AddDays(-6):yyyy-MM-dd}&to={date:yyyy-MM-dd}");
        Assert.Equal(new[] { before.CallId, learned.CallId, after.CallId }.Order(), calls.Items.Select(c => c.Id).Order());
    }
}
