using System.Text.Json;
using FluentValidation;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Samples;

/// <summary>
/// Loads the seed article's two accounts of the Erdoğan–Putin call of 2025-11-24 (the Turkish
/// Presidency's and the Kremlin's, as the article reports them in Turkish) through the same
/// service a POST uses, so they are validated and linked like any readout. Re-running is harmless:
/// a stored sample is an identical resend.
/// </summary>
public static class SampleLoader
{
    public static async Task LoadAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var path = Path.Combine(AppContext.BaseDirectory, "Samples", "readouts.json");
        await using var file = File.OpenRead(path);
        var samples = await JsonSerializer.DeserializeAsync<List<ReadoutRequest>>(file, JsonSerializerOptions.Web, ct) ?? [];

        var readouts = scope.ServiceProvider.GetRequiredService<ReadoutService>();
        var validator = scope.ServiceProvider.GetRequiredService<IValidator<ReadoutRequest>>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SampleLoader));
        foreach (var sample in samples)
        {
            // As MVC does for a post's body before CreateAsync.
            await validator.ValidateAndThrowAsync(sample, ct);
            var outcome = await readouts.CreateAsync(sample, WriteContext.System("load samples"), ct);
            var readout = JsonSerializer.Deserialize<ReadoutResponse>(outcome.Json!, JsonSerializerOptions.Web)!;
            logger.LogInformation("Sample readout {ReadoutId} from {Source} in call {CallId}: {Outcome}", readout.Id, readout.Source, readout.CallId, outcome.Status == StatusCodes.Status201Created ? "loaded" : "already present");
        }
    }
}
