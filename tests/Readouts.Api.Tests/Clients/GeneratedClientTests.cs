using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Clients;

/// <summary>
/// The OpenAPI document is good enough for a generated client: NSwag (the repository's local
/// tool) generates C# from /swagger/v1/swagger.json as the app serves it, and
/// tests/GeneratedClient drives the running API through that client, unedited.
/// </summary>
public sealed class GeneratedClientTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Readouts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Readouts.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Runs a program to its end (at most 5 minutes): its exit code, standard output and standard error.</summary>
    internal static async Task<(int ExitCode, string Output, string Errors)> RunProgramAsync(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A scratch project is built alone, not as part of this test run's build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task A_client_generated_by_NSwag_from_the_document_posts_replays_pages_reads_compares_and_corrects()
    {
        // A port of the system's choosing: test runs of two clones at once must not meet on one
        // (UseKestrel(0) on a factory made by WithWebHostBuilder still bound Kestrel's default 5000).
        await using var host = api.WithWebHostBuilder(builder => builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0"));
        host.UseKestrel();
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var root = RepositoryRoot();
        var scratch = Directory.CreateTempSubdirectory("readouts-generated-client-").FullName;
        try
        {
            foreach (var file in new[] { "GeneratedClient.csproj", "Program.cs" })
            {
                File.Copy(Path.Combine(root, "tests", "GeneratedClient", file), Path.Combine(scratch, file));
            }

            using var http = new HttpClient();
            await File.WriteAllTextAsync(Path.Combine(scratch, "swagger.json"), await http.GetStringAsync($"{address}/swagger/v1/swagger.json"));

            // Default settings but one: wrapped responses, the setting that exposes response headers (ETag, Idempotent-Replayed).
            var generated = await RunProgramAsync(
                "dotnet", root, "nswag", "openapi2csclient", $"/input:{Path.Combine(scratch, "swagger.json")}", $"/output:{Path.Combine(scratch, "ReadoutsClient.cs")}",
                "/namespace:Readouts.Generated", "/className:ReadoutsClient", "/WrapResponses:true");
            Assert.True(generated.ExitCode == 0, $"NSwag could not generate a client from the document:\n{generated.Output}\n{generated.Errors}");

            var run = await RunProgramAsync("dotnet", scratch, "run", "--", address, ReadoutsApiFactory.ApiKey);
            Assert.True(run.ExitCode == 0, $"The generated client failed against the API (exit {run.ExitCode}):\n{run.Output}\n{run.Errors}");
            Assert.DoesNotContain("FAIL", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
