using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Readouts.Api.Infrastructure;
using Testcontainers.PostgreSql;

namespace Readouts.Api.Tests.Infrastructure;

/// <summary>
/// Real PostgreSQL for the tests: the server in READOUTS_TEST_POSTGRES (the test script's local
/// cluster) or, without it, a Testcontainers container. Migrations run once per test run into a
/// template database; each test class then gets a fresh copy of it, which takes milliseconds.
/// </summary>
public static class TestDatabase
{
    public const string ServerVariable = "READOUTS_TEST_POSTGRES";

    /// <summary>scripts/lib/postgres.sh, which the test script exports so tests can stop and start its server.</summary>
    public const string ControlScriptVariable = "READOUTS_TEST_POSTGRES_SCRIPT";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..12];
    private static string? serverConnectionString;
    private static PostgreSqlContainer? container;
    private static bool templateReady;

    private static string TemplateName => $"readouts_test_{RunId}_template";

    /// <summary>A connection string to the server itself (database "postgres" or as configured).</summary>
    public static async Task<string> ServerAsync()
    {
        await EnsureServerAsync();
        return serverConnectionString!;
    }

    /// <summary>Creates a migrated database of its own and returns its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        await EnsureServerAsync();
        await EnsureTemplateAsync();
        var name = $"readouts_test_{RunId}_{Guid.NewGuid().ToString("N")[..16]}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
        return WithDatabase(name);
    }

    /// <summary>
    /// Creates a database migrated only up to <paramref name="migration"/> (its full name, e.g.
    /// 20261203071910_DropReadoutSearchVector), as a database of that release would be: for the
    /// tests of an upgrade.
    /// </summary>
    public static async Task<string> CreateAtMigrationAsync(string migration)
    {
        await EnsureServerAsync();
        var name = $"readouts_test_{RunId}_{Guid.NewGuid().ToString("N")[..16]}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        var options = new DbContextOptionsBuilder<ReadoutsDbContext>().UseNpgsql(WithDatabase(name)).UseSnakeCaseNamingConvention().Options;
        await using (var db = new ReadoutsDbContext(options))
        {
            await db.Database.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(migration);
        }

        return WithDatabase(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 30)
            {
                // FORCE may not end an autovacuum worker (run by the superuser) busy on a database
                // that has just been loaded: it finishes within moments.
                await Task.Delay(500);
            }
        }
    }

    private static async Task EnsureServerAsync()
    {
        if (serverConnectionString is not null)
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            if (serverConnectionString is not null)
            {
                return;
            }

            var configured = Environment.GetEnvironmentVariable(ServerVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                serverConnectionString = configured;
            }
            else
            {
                // A fixed host port, so that the restart tests' stop and start keep the address.
                container = new PostgreSqlBuilder("postgres:17").WithPortBinding(FreePort(), 5432).Build();
                await container.StartAsync();
                serverConnectionString = container.GetConnectionString();
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => CleanUp();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task EnsureTemplateAsync()
    {
        if (templateReady)
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            if (templateReady)
            {
                return;
            }

            await ExecuteAsync($"CREATE DATABASE \"{TemplateName}\"");
            var options = new DbContextOptionsBuilder<ReadoutsDbContext>()
                .UseNpgsql(WithDatabase(TemplateName))
                .UseSnakeCaseNamingConvention()
                .Options;
            await using (var db = new ReadoutsDbContext(options))
            {
                await db.Database.MigrateAsync();
            }

            // A template must have no open connections when it is copied.
            NpgsqlConnection.ClearAllPools();
            templateReady = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Stops the PostgreSQL server every test uses: only for tests that run alone.</summary>
    public static Task StopServerAsync() => container is not null ? container.StopAsync() : RunControlScriptAsync("readouts_postgres_down");

    public static Task StartServerAsync() => container is not null ? container.StartAsync() : RunControlScriptAsync("readouts_postgres_up");

    private static async Task RunControlScriptAsync(string function)
    {
        var script = Environment.GetEnvironmentVariable(ControlScriptVariable);
        if (string.IsNullOrEmpty(script))
        {
            throw new InvalidOperationException($"{ServerVariable} is set but {ControlScriptVariable} is not: run the tests with scripts/test.sh, which sets both, so they can stop and start the server.");
        }

        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", $"source \"$0\" && {function}", script]) { RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{function} failed with exit code {process.ExitCode}: {errors}");
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string WithDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Pooling = true }.ConnectionString;

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        // DROP DATABASE waits for a checkpoint: up to 1.8 s here with the other classes writing
        // and both cores busy, and a slow disk could take it past Npgsql's default of 30 s.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }

    private static void CleanUp()
    {
        try
        {
            if (templateReady && container is null)
            {
                NpgsqlConnection.ClearAllPools();
                ExecuteAsync($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)").GetAwaiter().GetResult();
            }

            container?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // The server may already be gone at process exit; the script's cluster is disposable.
        }
    }
}
