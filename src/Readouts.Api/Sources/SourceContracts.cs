namespace Readouts.Api.Sources;

/// <summary>A publisher of readouts.</summary>
public sealed record SourceResponse(string Slug, string Name, string Country, string Url);

/// <summary>A new publisher of readouts.</summary>
public sealed class CreateSourceRequest
{
    /// <summary>Lowercase ASCII letters and digits joined by hyphens; readouts name their source by it.</summary>
    /// <example>elysee</example>
    public string? Slug { get; init; }

    /// <example>Présidence de la République française</example>
    public string? Name { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code.</summary>
    /// <example>FR</example>
    public string? Country { get; init; }

    /// <summary>The publisher's site, absolute http(s).</summary>
    /// <example>https://www.elysee.fr</example>
    public string? Url { get; init; }
}
