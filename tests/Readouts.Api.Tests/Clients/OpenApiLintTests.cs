using System.Text.Json;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Clients;

/// <summary>
/// Redocly CLI's recommended rules pass on the document the app serves: no error, and only the
/// warnings tests/OpenApi/redocly.yaml lists with its reason.
/// </summary>
public sealed class OpenApiLintTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    /// <summary>Pinned, so that a new release's new rules do not fail the build unannounced.</summary>
    private const string RedoclyCli = "@redocly/cli@2.77.0";

    /// <summary>As tests/OpenApi/redocly.yaml lists them, with why.</summary>
    private static readonly string[] KeptWarnings = ["info-license", "no-server-example.com"];

    [Fact]
    public async Task The_document_passes_redoclys_recommended_rules_with_only_the_warnings_kept_on_purpose()
    {
        using var client = api.CreateClient();
        var scratch = Directory.CreateTempSubdirectory("readouts-openapi-lint-").FullName;
        try
        {
            var document = Path.Combine(scratch, "openapi.json");
            await File.WriteAllTextAsync(document, await client.GetStringAsync("/swagger/v1/swagger.json"));
            var config = Path.Combine(GeneratedClientTests.RepositoryRoot(), "tests", "OpenApi", "redocly.yaml");

            var (exitCode, output, errors) = await GeneratedClientTests.RunProgramAsync(
                "npx", scratch, "--yes", RedoclyCli, "lint", "--config", config, "--format", "json", document);

            using var report = JsonDocument.Parse(output.Length > 0 ? output : "{}");
            Assert.True(report.RootElement.TryGetProperty("problems", out var problems), $"Redocly gave no report (exit {exitCode}):\n{output}\n{errors}");
            var found = problems.EnumerateArray()
                .Select(p => (Rule: p.GetProperty("ruleId").GetString()!, Severity: p.GetProperty("severity").GetString()!, Message: p.GetProperty("message").GetString()))
                .ToList();
            var unexpected = found.Where(p => p.Severity == "error" || !KeptWarnings.Contains(p.Rule)).ToList();
            Assert.True(
                unexpected.Count == 0,
                $"Redocly's recommended rules found problems not kept on purpose:\n{string.Join("\n", unexpected.Select(p => $"{p.Severity} {p.Rule}: {p.Message}"))}");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
