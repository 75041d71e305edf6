using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Calls;

/// <summary>
/// GET /api/calls?topic= reads each subject's own list of calls (call_topics), which triggers keep
/// from the calls' subjects: whatever changes a call's subjects or its date must move the list with it.
/// Each test labels with a subject of its own, so that its list holds only the test's calls.
/// </summary>
public sealed class TopicListTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    [Fact]
    public async Task A_subjects_list_follows_sides_joining_corrections_relinks_and_deletions_newest_first()
    {
        var client = api.CreateWriter();
        var label = $"Grain corridor file {Guid.NewGuid().ToString("N")[..8]}";
        var source = await client.NewSourceAsync();
        var other = await client.NewSourceAsync();
        var date = TestData.NewDate();

        var first = await client.PostReadoutAsync(TestData.Readout(source, date, "Erdoğan", "Putin") with { Topics = [label], Body = "…" });
        await AssertListAsync(label, [first.CallId], "after the call's first side");

        // The other side, dated a day earlier and naming no subject: the call stays, and moves to its earlier date.
        var second = await client.PostReadoutAsync(TestData.Readout(other, date.AddDays(-1), "Путин", "Эрдоган") with { Topics = [], Body = "…" });
        Assert.Equal(first.CallId, second.CallId);
        var newer = await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(3), "Lula", "Modi") with { Topics = [label], Body = "…" });
        var older = await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(-5), "Lula", "Modi") with { Topics = [label], Body = "…" });
        var listed = await AssertListAsync(label, [newer.CallId, first.CallId, older.CallId], "with calls before and after");
        Assert.Equal(date.AddDays(-1), listed.Single(c => c.Id == first.CallId).Date);
        var paged = await client.GetAllPagesAsync<CallSummary>($"/api/calls?topic={Uri.EscapeDataString(label)}", limit: 1);
        Assert.Equal([newer.CallId, first.CallId, older.CallId], paged.Select(c => c.Id));
        var windowed = await client.GetJsonAsync<Page<CallSummary>>($"/api/calls?topic={Uri.EscapeDataString(label)}&from={date.AddDays(-1):yyyy-MM-dd}&to={date:yyyy-MM-dd}");
        Assert.Equal([first.CallId], windowed.Items.Select(c => c.Id));

        // A correction that drops the label takes the call off the subject's list.
        var corrected = await client.PutReadoutAsync(newer.Id, TestData.Readout(source, date.AddDays(3), "Lula", "Modi") with { Topics = [], Body = "…" }, await client.ETagOfAsync($"/api/readouts/{newer.Id}"));
        await corrected.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await AssertListAsync(label, [first.CallId, older.CallId], "after the label was corrected away");

        // The side that gave the label leaves for a call of its own: that call is listed, the one it left is not.
        var moved = await client.LinkReadoutAsync(first.Id, callId: null, await client.ETagOfAsync($"/api/readouts/{first.Id}"));
        await moved.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var alone = (await moved.Content.ReadFromJsonAsync<ReadoutResponse>(ApiJson.Options))!.CallId;
        Assert.NotEqual(first.CallId, alone);
        await AssertListAsync(label, [alone, older.CallId], "after the labelled side was relinked");

        await (await client.DeleteReadoutAsync(older.Id, await client.ETagOfAsync($"/api/readouts/{older.Id}"))).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await AssertListAsync(label, [alone], "after the older call's only readout was deleted");
        await AssertListsMatchTheCallsAsync();
    }

    [Fact]
    public async Task A_merged_subjects_calls_join_the_list_of_the_subject_it_was_merged_into()
    {
        var client = api.CreateWriter();
        var kept = $"Kerch bridge file {Guid.NewGuid().ToString("N")[..8]}";
        var merged = $"Керченский мост {Guid.NewGuid().ToString("N")[..8]}";
        var source = await client.NewSourceAsync();
        var date = TestData.NewDate();
        var english = await client.PostReadoutAsync(TestData.Readout(source, date, "Erdoğan", "Putin") with { Topics = [kept], Body = "…" });
        var russian = await client.PostReadoutAsync(TestData.Readout(source, date.AddDays(-2), "Putin", "Lula") with { Language = "ru", Topics = [merged], Body = "…" });

        var response = await client.PostAsJsonAsync($"/api/topics/{english.Topics.Single().Slug}/merge", new { topics = new[] { russian.Topics.Single().Slug } });
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);

        await AssertListAsync(kept, [english.CallId, russian.CallId], "by the kept subject's label after the merge");
        await AssertListAsync(merged, [english.CallId, russian.CallId], "by the merged subject's label, now an alias");
        await AssertListsMatchTheCallsAsync();
    }

    private async Task<IReadOnlyList<CallSummary>> AssertListAsync(string topic, long[] expected, string when)
    {
        var page = await api.CreateClient().GetJsonAsync<Page<CallSummary>>($"/api/calls?topic={Uri.EscapeDataString(topic)}");
        var got = page.Items.Select(c => c.Id).ToList();
        Assert.True(expected.SequenceEqual(got), $"?topic={topic} {when}: expected calls [{string.Join(", ", expected)}] newest first, got [{string.Join(", ", got)}].");
        return page.Items;
    }

    /// <summary>Across the whole database, in one snapshot: the lists hold exactly each call's subjects at its sort key.</summary>
    private async Task AssertListsMatchTheCallsAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH expected AS (SELECT t AS topic_id, call_sort_key(c.date, c.id) AS sort_key, c.id AS call_id FROM calls c, unnest(c.topic_ids) AS t),
                 missing AS (SELECT * FROM expected EXCEPT SELECT topic_id, sort_key, call_id FROM call_topics),
                 extra AS (SELECT topic_id, sort_key, call_id FROM call_topics EXCEPT SELECT * FROM expected)
            SELECT (SELECT count(*) FROM missing), (SELECT count(*) FROM extra)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (missing, extra) = (reader.GetInt64(0), reader.GetInt64(1));
        Assert.True(missing == 0 && extra == 0, $"call_topics is out of step with calls.topic_ids: {missing} entries missing, {extra} left over.");
    }
}
