using Microsoft.EntityFrameworkCore;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Leaders;

/// <summary>
/// Turns leader references (a slug, a name or an alias, in any script and spelling) into leaders.
/// Order of trust: the slug, then the folded name (unique by construction), then the Latin
/// transliteration, which different leaders may share and so can be ambiguous. Leaders are never
/// created here: an unknown reference is an error that names the closest known leaders.
/// </summary>
public sealed class LeaderResolver(ReadoutsDbContext db, RegistryNames registry)
{
    /// <summary>A reference to resolve, and the request field it came from (for the error).</summary>
    public sealed record Reference(string Field, string Text);

    private sealed record Candidate(int Id, string Slug, string Name, string Country, string Key, string LatinKey);

    private sealed record Suggestion(string Slug, string Name);

    /// <summary>Resolves every reference or throws one 422 naming each that failed.</summary>
    public async Task<IReadOnlyDictionary<string, ResolvedLeader>> ResolveAsync(IReadOnlyCollection<Reference> references, CancellationToken ct)
    {
        var byText = await ResolveTextsAsync(references.Select(r => r.Text), ct);
        var errors = references.Where(r => byText[r.Text].Error is not null).ToDictionary(r => r.Field, r => new[] { byText[r.Text].Error! });
        return errors.Count > 0
            ? throw ApiProblemException.Unprocessable(errors)
            : references.ToDictionary(r => r.Field, r => byText[r.Text].Leader!);
    }

    /// <summary>
    /// What each distinct text names: a leader, or why it names none. One query for all of them,
    /// so that a batch of a thousand readouts costs what one does.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Resolution>> ResolveTextsAsync(IEnumerable<string> texts, CancellationToken ct)
    {
        var distinct = texts.Distinct(StringComparer.Ordinal).ToList();
        var resolved = new Dictionary<string, Resolution>(StringComparer.Ordinal);

        // Slugs first, as they are trusted first: what clients send most, kept once read. Only
        // what could be a slug is looked up: a name with a space or an accent never is.
        var slugs = distinct.Select(SlugOf).OfType<string>().Distinct().ToList();
        var bySlug = slugs.Count == 0 ? [] : await registry.LeadersBySlugAsync(db, slugs, ct);
        foreach (var text in distinct)
        {
            if (SlugOf(text) is { } slug && bySlug.TryGetValue(slug, out var leader))
            {
                resolved[text] = new Resolution(leader, null);
            }
            else if (registry.TryGetLeaderByNameKey(NameKey.Fold(text), out leader))
            {
                resolved[text] = new Resolution(leader, null);
            }
        }

        distinct = distinct.Where(t => !resolved.ContainsKey(t)).ToList();
        if (distinct.Count == 0)
        {
            return resolved;
        }

        var keys = distinct.Select(NameKey.Fold).Distinct().ToList();
        var latins = distinct.Select(NameKey.Latin).Where(l => l.Length > 0).Distinct().ToList();
        var candidates = await (
            from n in db.LeaderNames
            join l in db.Leaders on n.LeaderId equals l.Id
            where keys.Contains(n.Key) || latins.Contains(n.LatinKey)
            select new Candidate(l.Id, l.Slug, l.Name, l.Country, n.Key, n.LatinKey))
            .AsNoTracking()
            .ToListAsync(ct);

        foreach (var text in distinct)
        {
            var matches = Match(text, candidates);
            if (matches.Count == 1)
            {
                resolved[text] = new Resolution(matches[0], null);
                var key = NameKey.Fold(text);
                if (candidates.Any(c => c.Key == key))
                {
                    registry.RememberNameKey(key, matches[0]);
                }
            }
            else if (matches.Count > 1)
            {
                resolved[text] = new Resolution(null, $"'{text}' matches more than one leader: {Describe(matches.Select(m => new Suggestion(m.Slug, m.Name)))}. Use a slug.");
            }
            else
            {
                var closest = await SuggestAsync(text, ct);
                var hint = closest.Count == 0 ? "No known leader is close; add one with POST /api/leaders." : $"Closest known leaders: {Describe(closest)}.";
                resolved[text] = new Resolution(null, $"'{text}' matches no known leader. {hint}");
            }
        }

        return resolved;
    }

    /// <summary>
    /// The leader a text names if that is already known without a query (a slug or a name
    /// resolved before), else null. A hint only: <see cref="ResolveTextsAsync"/> decides.
    /// </summary>
    public static int? KnownLeaderId(RegistryNames registry, string text) =>
        SlugOf(text) is { } slug && registry.TryGetLeaderBySlug(slug, out var bySlug) ? bySlug.Id
        : registry.TryGetLeaderByNameKey(NameKey.Fold(text), out var byName) ? byName.Id
        : null;

    /// <summary>Resolves one reference, reported under <paramref name="field"/>.</summary>
    public async Task<ResolvedLeader> ResolveAsync(string field, string text, CancellationToken ct) =>
        (await ResolveAsync([new Reference(field, text)], ct))[field];

    /// <summary>The slug a text would be (slugs are <see cref="NameKey.Slug"/>'s output), or null when it cannot be one.</summary>
    private static string? SlugOf(string text)
    {
        var slug = text.Trim().ToLowerInvariant();
        return slug.Length > 0 && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ? slug : null;
    }

    private static List<ResolvedLeader> Match(string text, List<Candidate> candidates)
    {
        // Slugs were tried first (ResolveTextsAsync): what is left is a name, folded or transliterated.
        var key = NameKey.Fold(text);
        var latin = NameKey.Latin(text);
        IEnumerable<Candidate> tier = candidates.Where(c => c.Key == key);

        if (!tier.Any() && latin.Length > 0)
        {
            tier = candidates.Where(c => c.LatinKey == latin);
        }

        return tier.Select(c => new ResolvedLeader(c.Id, c.Slug, c.Name, c.Country)).Distinct().OrderBy(l => l.Slug, StringComparer.Ordinal).ToList();
    }

    private async Task<List<Suggestion>> SuggestAsync(string text, CancellationToken ct)
    {
        var latin = NameKey.Latin(text);
        if (latin.Length == 0)
        {
            return [];
        }

        // pg_trgm's % (similarity above 0.3) is served by the trigram index on latin_key.
        var rows = await db.Database.SqlQuery<Suggestion>($"""
            SELECT l.slug AS "Slug", l.name AS "Name"
            FROM leader_names n JOIN leaders l ON l.id = n.leader_id
            WHERE n.latin_key % {latin}
            ORDER BY similarity(n.latin_key, {latin}) DESC, l.slug
            LIMIT 20
            """).ToListAsync(ct);
        return rows.DistinctBy(r => r.Slug).Take(3).ToList();
    }

    private static string Describe(IEnumerable<Suggestion> leaders) =>
        string.Join(", ", leaders.Select(l => $"{l.Slug} ({l.Name})"));
}

/// <summary>A leader a reference resolved to.</summary>
public sealed record ResolvedLeader(int Id, string Slug, string Name, string Country);

/// <summary>The leader a text names, or (<see cref="Leader"/> null) the reason it names none.</summary>
public sealed record Resolution(ResolvedLeader? Leader, string? Error);
