using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;

namespace Readouts.Api.Readouts;

/// <summary>A posted readout with its references resolved: not yet linked, subjects not yet attached.</summary>
/// <param name="Readout">The readout, its statements included.</param>
/// <param name="LeaderIds">Its leaders, distinct.</param>
/// <param name="Labels">Its topic labels as written, trimmed, one per folded form (<see cref="NameKey.Fold"/>).</param>
/// <param name="LeaderCountries">Its leaders' countries, whose mentions are not subjects.</param>
public sealed record ResolvedReadout(Readout Readout, IReadOnlyCollection<int> LeaderIds, IReadOnlyList<string> Labels, IReadOnlyCollection<string> LeaderCountries)
{
    /// <summary>What <see cref="Topics.SubjectTagger"/> tags.</summary>
    public Topics.SubjectTagger.Item ForTagging() =>
        new(Readout.Language, Labels, Topics.SubjectTagger.TextsOf(Readout), LeaderCountries);
}

/// <summary>
/// Turns posted readouts into entities: the source, the leaders and the speakers resolved, every
/// unknown reference of a readout reported at once. Many readouts cost the same few queries as one.
/// </summary>
public sealed class ReadoutResolver(ReadoutsDbContext db, RegistryNames registry, LeaderResolver leaders)
{
    /// <summary>For each request, in order, the readout it describes or the 422 it gets.</summary>
    public async Task<IReadOnlyList<(ResolvedReadout? Readout, ApiProblemException? Problem)>> ResolveAsync(IReadOnlyList<ReadoutRequest> requests, CancellationToken ct)
    {
        var sourceIds = await registry.SourceIdsBySlugAsync(db, requests.Select(r => r.Source!).Distinct(StringComparer.Ordinal).ToList(), ct);
        var names = await leaders.ResolveTextsAsync(
            requests.SelectMany(r => r.Leaders!.Select(l => l!).Concat((r.Statements ?? []).Select(s => s!.Speaker).OfType<string>().Where(s => !string.IsNullOrWhiteSpace(s)))),
            ct);

        // Topics repeat across a batch; each spelling is folded once.
        var slugs = requests.SelectMany(r => r.Topics ?? []).Select(t => t!.Trim()).Distinct().ToDictionary(t => t, NameKey.Slug);
        return requests.Select(request =>
        {
            try
            {
                return ((ResolvedReadout?)Build(request, sourceIds, names, slugs), (ApiProblemException?)null);
            }
            catch (ApiProblemException problem)
            {
                return (null, problem);
            }
        }).ToList();
    }

    /// <summary>One request resolved, or its 422 thrown.</summary>
    public async Task<ResolvedReadout> ResolveAsync(ReadoutRequest request, CancellationToken ct)
    {
        var (readout, problem) = (await ResolveAsync([request], ct))[0];
        return readout ?? throw problem!;
    }

    private static ResolvedReadout Build(ReadoutRequest request, Dictionary<string, int> sourceIds, IReadOnlyDictionary<string, Resolution> names, Dictionary<string, string> slugs)
    {
        var errors = new Dictionary<string, string[]>();
        if (!sourceIds.TryGetValue(request.Source!, out var sourceId))
        {
            errors["source"] = [$"'{request.Source}' is not a known source; see GET /api/sources or add it with POST /api/sources."];
        }

        var leaderFields = request.Leaders!.Select((text, i) => (Field: $"leaders[{i}]", Text: text!)).ToList();
        var statements = request.Statements ?? [];
        var speakerFields = statements
            .Select((s, i) => (Field: $"statements[{i}].speaker", Text: s!.Speaker!))
            .Where(r => !string.IsNullOrWhiteSpace(r.Text))
            .ToList();
        foreach (var (field, text) in leaderFields.Concat(speakerFields).Where(f => names[f.Text].Error is not null))
        {
            errors[field] = [names[text].Error!];
        }

        if (errors.Count > 0)
        {
            throw ApiProblemException.Unprocessable(errors);
        }

        var leaders = leaderFields.Select(f => names[f.Text].Leader!).DistinctBy(l => l.Id).ToList();
        var leaderIds = leaders.Select(l => l.Id).ToList();
        if (leaderIds.Count < 2)
        {
            throw ApiProblemException.Unprocessable("leaders", "The leaders name fewer than two different people.");
        }

        var outsiders = speakerFields
            .Where(f => !leaderIds.Contains(names[f.Text].Leader!.Id))
            .ToDictionary(f => f.Field, f => new[] { $"'{f.Text}' ({names[f.Text].Leader!.Slug}) is not one of this readout's leaders." });
        if (outsiders.Count > 0)
        {
            throw ApiProblemException.Unprocessable(outsiders);
        }

        var language = SearchLanguages.Normalize(request.Language!);
        var labels = (request.Topics ?? []).Select(t => t!.Trim()).ToList();
        var readout = new Readout
        {
            SourceId = sourceId,
            Language = language,
            SearchConfig = SearchLanguages.ConfigurationFor(language),
            CallDate = request.CallDate!.Value,
            // timestamptz keeps the instant, not the offset: stored and returned in UTC.
            PublishedAt = request.PublishedAt?.ToUniversalTime(),
            Title = request.Title!.Trim(),
            Url = request.Url!,
            Body = request.Body!,
            ContentHash = "",
            Change = "",
            UpdatedBy = "",
            Statements = statements.Select((s, i) => new Statement
            {
                Position = i,
                SpeakerId = string.IsNullOrWhiteSpace(s!.Speaker) ? null : names[s.Speaker].Leader!.Id,
                Text = s.Text!,
            }).ToList(),
        };
        // The labels' slugs, as before labels resolved to subjects, so that a resend stays identical.
        readout.ContentHash = HashContent(readout, leaderIds, labels.Select(t => slugs[t]).Distinct());
        return new ResolvedReadout(readout, leaderIds, labels.DistinctBy(NameKey.Fold).ToList(), leaders.Select(l => l.Country).Distinct().ToList());
    }

    /// <summary>
    /// A fingerprint of what the readout says once references are resolved, so that a resend that
    /// spells a leader differently ("Erdogan" for "recep-tayyip-erdogan") still counts as identical.
    /// </summary>
    private static string HashContent(Readout readout, IEnumerable<int> leaderIds, IEnumerable<string> topicSlugs)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            readout.Language,
            readout.CallDate,
            PublishedAt = readout.PublishedAt?.UtcDateTime,
            readout.Title,
            readout.Body,
            Leaders = leaderIds.Order(),
            Topics = topicSlugs.Order(StringComparer.Ordinal),
            Statements = readout.Statements.Select(s => new { s.SpeakerId, s.Text }),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
