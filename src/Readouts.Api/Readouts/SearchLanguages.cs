namespace Readouts.Api.Readouts;

/// <summary>
/// Which PostgreSQL text search configuration stems a readout's language. Languages without one
/// are indexed with 'simple': plain lower-cased words, no stemming.
/// </summary>
public static class SearchLanguages
{
    public const string Simple = "simple";

    private static readonly Dictionary<string, string> ByPrimaryTag = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ar"] = "arabic",
        ["ca"] = "catalan",
        ["da"] = "danish",
        ["de"] = "german",
        ["el"] = "greek",
        ["en"] = "english",
        ["es"] = "spanish",
        ["eu"] = "basque",
        ["fi"] = "finnish",
        ["fr"] = "french",
        ["ga"] = "irish",
        ["hi"] = "hindi",
        ["hu"] = "hungarian",
        ["hy"] = "armenian",
        ["id"] = "indonesian",
        ["it"] = "italian",
        ["lt"] = "lithuanian",
        ["nb"] = "norwegian",
        ["ne"] = "nepali",
        ["nl"] = "dutch",
        ["nn"] = "norwegian",
        ["no"] = "norwegian",
        ["pt"] = "portuguese",
        ["ro"] = "romanian",
        ["ru"] = "russian",
        ["sr"] = "serbian",
        ["sv"] = "swedish",
        ["ta"] = "tamil",
        ["tr"] = "turkish",
        ["yi"] = "yiddish",
    };

    /// <summary>Every configuration a query must be stemmed with to find readouts in any language.</summary>
    public static IReadOnlyList<string> Configurations { get; } =
        ByPrimaryTag.Values.Append(Simple).Distinct().Order(StringComparer.Ordinal).ToList();

    public static string ConfigurationFor(string language) =>
        ByPrimaryTag.GetValueOrDefault(language.Split('-')[0], Simple);

    /// <summary>
    /// The SQL that stems what a readout is found by, from these columns or parameters: its title
    /// (weighted highest), body and statements, with its own language's configuration. One
    /// definition for a post's stemming and a call's refresh, so that both give a call the same words.
    /// </summary>
    public static string VectorSql(string config, string title, string body, string statements) =>
        $"setweight(to_tsvector({config}::regconfig, {title}), 'A') || to_tsvector({config}::regconfig, {body}) || to_tsvector({config}::regconfig, {statements})";

    /// <summary>A well-formed BCP 47 tag: a 2–3 letter language, then 1–8 character subtags.</summary>
    public static bool IsLanguageTag(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length > 35)
        {
            return false;
        }

        var parts = tag.Split('-');
        return parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }

    /// <summary>Canonical case: language lower, region upper, script title (<c>sr-Latn-RS</c>).</summary>
    public static string Normalize(string tag)
    {
        var parts = tag.Split('-');
        parts[0] = parts[0].ToLowerInvariant();
        for (var i = 1; i < parts.Length; i++)
        {
            parts[i] = parts[i].Length switch
            {
                2 => parts[i].ToUpperInvariant(),
                4 => char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant(),
                _ => parts[i].ToLowerInvariant(),
            };
        }

        return string.Join('-', parts);
    }
}
