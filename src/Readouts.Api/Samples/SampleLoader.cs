using System.Text.Json;
using FluentValidation;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Samples;

/// <summary>
/// Loads the seed article's two accounts of the Erdoğan–Putin call of 2025-11-24: the Turkish
/// Presidency's in Turkish, as the article reports it, and the Kremlin's in Russian (rendered from
/// the article's Turkish report of it), each with its own labels, through the same service a POST
/// uses, so they are validated, linked and compared like any readout. Re-running is harmless: a
/// stored sample is an identical resend, and one stored with other content (by an earlier
/// version of the samples) is left as it is.
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
            WriteOutcome outcome;
            try
            {
                outcome = await readouts.CreateAsync(sample, WriteContext.System("load samples"), ct);
            }
            catch (ApiProblemException e) when (e.Status == StatusCodes.Status409Conflict)
            {
                logger.LogWarning("Sample readout from {Source} at {Url} left as stored: {Reason}", sample.Source, sample.Url, e.Detail);
                continue;
            }

            var readout = JsonSerializer.Deserialize<ReadoutResponse>(outcome.Json!, JsonSerializerOptions.Web)!;
            logger.LogInformation("Sample readout {ReadoutId} from {Source} in call {CallId}: {Outcome}", readout.Id, readout.Source, readout.CallId, outcome.Status == StatusCodes.Status201Created ? "loaded" : "already present");
        }
    }
}
