using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Readouts.Api.Tests.Infrastructure;

/// <summary>
/// The real application, on a PostgreSQL database of its own (one per test class), with one
/// write key. Tests reach it only through HTTP.
/// </summary>
public sealed class ReadoutsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ApiKey = "test-write-key";

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync();

    /// <summary>A client that sends the write key.</summary>
    public HttpClient CreateWriter()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting, not ConfigureAppConfiguration: the host reads these while it is being built.
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Readouts", ConnectionString);
        builder.UseSetting("ApiKeys:0", ApiKey);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Samples:Load", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Tests post fast from one address; the rate-limit tests switch it on with small limits.
        builder.UseSetting("RateLimiting:Enabled", "false");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (ConnectionString.Length > 0)
        {
            await TestDatabase.DropAsync(ConnectionString);
        }
    }
}
