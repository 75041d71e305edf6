namespace Readouts.Api.Infrastructure;

/// <summary>Checks several validators share.</summary>
public static class ValidationRules
{
    public const string CountryCodeMessage = "'country' must be an ISO 3166-1 alpha-2 code such as TR or RU.";
    public const string CursorMessage = "'cursor' is not one this API issued; pass the nextCursor of a previous page.";
    public const string SlugMessage = "A slug is lowercase ASCII letters and digits joined by single hyphens, e.g. 'kremlin'.";

    public static bool HasLetterOrDigit(string? text) => text is not null && text.Any(char.IsLetterOrDigit);

    public const string UnusableNameMessage = "The name must contain letters or digits and fold to at most 200 characters (and a slug of at most 100).";

    /// <summary>
    /// Whether a name's stored keys fit their columns: folding (ß → ss) and transliteration
    /// (龍 → long) can make keys longer than the name itself.
    /// </summary>
    public static bool IsUsableName(string? text, int maxSlugLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var fold = NameKey.Fold(text);
        var slug = NameKey.Slug(text);
        return fold.Length is > 0 and <= 200 && NameKey.Latin(text).Length <= 400 && slug.Length > 0 && slug.Length <= maxSlugLength;
    }

    public static bool IsCountryCode(string? code) => code is { Length: 2 } && code.All(char.IsAsciiLetter);

    public static bool IsSlug(string? slug) => IsSlug(slug, 100);

    private static bool IsSlug(string? slug, int maxLength) =>
        slug is { Length: > 0 } && slug.Length <= maxLength
        && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);

    public const string WikidataMessage = "'wikidata' must be a Wikidata item id such as Q212.";

    public static bool IsWikidataId(string? id) => id is { Length: >= 2 and <= 20 } && id[0] == 'Q' && id[1] != '0' && id[1..].All(char.IsAsciiDigit);

    /// <summary>A topic's slug: as <see cref="IsSlug(string?)"/>, up to 200 characters (topics' names are longer than sources').</summary>
    public static bool IsTopicSlug(string? slug) => IsSlug(slug, 200);

    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
