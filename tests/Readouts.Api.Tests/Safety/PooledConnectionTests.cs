using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Readouts.Api.Infrastructure;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Safety;

/// <summary>
/// The API tells Npgsql not to reset connections it takes back (No Reset On Close). That is safe
/// only while no request leaves anything on its connection for the next one to find. And it keeps
/// at most two connections a core, unless the connection string says how many.
/// </summary>
public sealed class PooledConnectionTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    [Fact]
    public async Task A_connection_goes_back_to_the_pool_with_no_setting_lock_or_listener_left_by_the_writes_it_served()
    {
        // One connection in the pool: every request below runs on it, and so does the check.
        var pooled = new NpgsqlConnectionStringBuilder(api.ConnectionString) { MaxPoolSize = 1 }.ConnectionString;
        using var app = api.WithWebHostBuilder(host => host.UseSetting("ConnectionStrings:Readouts", pooled));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);
        var source = await client.NewSourceAsync("pool");
        var date = TestData.NewDate();

        // A post (linking's lock, SET LOCAL), a post with an Idempotency-Key (its lock), a batch, a correction and reads.
        var first = await client.PostReadoutAsync(TestData.Readout(source, date, "Erdoğan", "Putin"));
        await (await client.PostWithKeyAsync("/api/readouts", TestData.Readout(source, date.AddDays(-3), "Erdoğan", "Putin"), "pool-key")).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/readouts/batch", new[] { TestData.Readout(source, date.AddDays(-6), "Erdoğan", "Putin") })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var etag = await client.ETagOfAsync($"/api/readouts/{first.Id}");
        await (await client.PutReadoutAsync(first.Id, TestData.Readout(source, date, "Erdoğan", "Putin") with { Body = "Corrected." }, etag)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await client.GetAsync($"/api/calls?source={source}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await using var scope = app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<ReadoutsDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT
              (SELECT string_agg(name || ' = ' || setting, ', ') FROM pg_settings WHERE source = 'session'),
              (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()),
              (SELECT count(*) FROM pg_listening_channels())
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.IsDBNull(0), $"Settings a request changed for the whole session, which the next request would inherit: {(reader.IsDBNull(0) ? "" : reader.GetString(0))}");
        Assert.True(reader.GetInt64(1) == 0, $"{reader.GetInt64(1)} advisory locks still held by the pooled connection: a session lock instead of pg_advisory_xact_lock?");
        Assert.True(reader.GetInt64(2) == 0, $"The pooled connection still listens on {reader.GetInt64(2)} channels.");
    }

    [Fact]
    public async Task Requests_beyond_two_a_core_wait_for_a_pooled_connection_instead_of_opening_more() =>
        await AssertConnectionsOpenedWhileRequestsWaitAsync("", 2 * Environment.ProcessorCount);

    [Fact]
    public async Task A_maximum_pool_size_in_the_connection_string_is_kept() =>
        await AssertConnectionsOpenedWhileRequestsWaitAsync(";Maximum Pool Size=3", 3);

    /// <summary>
    /// Holds the calls table locked while more requests than <paramref name="expected"/> list calls,
    /// counts the connections the app has open once they all wait, then lets them finish.
    /// </summary>
    private async Task AssertConnectionsOpenedWhileRequestsWaitAsync(string poolSetting, int expected)
    {
        var name = $"pool-test-{Guid.NewGuid():N}";
        var connectionString = $"{api.ConnectionString};Application Name={name}{poolSetting}";
        using var app = api.WithWebHostBuilder(host => host.UseSetting("ConnectionStrings:Readouts", connectionString));
        var client = app.CreateClient();

        await using var blocker = new NpgsqlConnection(api.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockCalls = new NpgsqlCommand("LOCK TABLE calls IN ACCESS EXCLUSIVE MODE", blocker, transaction))
        {
            await lockCalls.ExecuteNonQueryAsync();
        }

        var requests = Enumerable.Range(0, expected + 4).Select(_ => client.GetAsync("/api/calls")).ToList();
        // Another connection counts: within the blocker's transaction PostgreSQL would show one snapshot of its activity.
        await using var observer = new NpgsqlConnection(api.ConnectionString);
        await observer.OpenAsync();
        var (waiting, open) = (0L, 0L);
        for (var tries = 0; tries < 100 && waiting < expected; tries++)
        {
            await Task.Delay(50);
            (waiting, open) = await CountConnectionsAsync(observer, name);
        }

        // Given time, a pool without a limit would have opened one for each request by now.
        await Task.Delay(500);
        (waiting, open) = await CountConnectionsAsync(observer, name);
        await transaction.CommitAsync();
        var statuses = (await Task.WhenAll(requests)).Select(r => r.StatusCode).ToList();

        Assert.True(open == expected && waiting == expected, $"With {requests.Count} requests waiting on a locked table, the app had {open} connections open ({waiting} waiting on the lock); expected {expected}.");
        Assert.True(statuses.All(s => s == HttpStatusCode.OK), $"Once the table was free, the requests that had waited for a connection answered {string.Join(", ", statuses.Select(s => (int)s))}.");
    }

    private static async Task<(long Waiting, long Open)> CountConnectionsAsync(NpgsqlConnection connection, string applicationName)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), count(*) FROM pg_stat_activity WHERE application_name = $1", connection)
        {
            Parameters = { new() { Value = applicationName } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
