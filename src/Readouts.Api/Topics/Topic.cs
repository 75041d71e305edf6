namespace Readouts.Api.Topics;

/// <summary>
/// A subject a readout is about: a country, a region, an organisation, a theme, or (kind
/// <see cref="TopicKind.Other"/>) a label first seen in a readout that matched none of those. Its
/// slug is its identity; every name it is known by, in any language, is a <see cref="TopicName"/>.
/// </summary>
public class Topic
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    /// <summary>Its name in English (for a label first seen in a readout: that label as written).</summary>
    public required string Name { get; set; }

    /// <summary>One of <see cref="TopicKind"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>Its Wikidata item (<c>Q212</c>), where it has one.</summary>
    public string? Wikidata { get; set; }

    /// <summary>ISO 3166-1 alpha-2 of a country or territory (and <c>EU</c>, which readouts' leaders may represent).</summary>
    public string? Country { get; set; }

    public List<TopicName> Names { get; set; } = [];
}

/// <summary>The kinds of subject.</summary>
public static class TopicKind
{
    public const string Country = "country";
    public const string Region = "region";
    public const string Organization = "organization";
    public const string Theme = "theme";

    /// <summary>A label first seen in a readout, matching no subject of the registry.</summary>
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Country, Region, Organization, Theme, Other];
}

/// <summary>
/// One name of a topic, as written: its English name, an alias in another language or script, or
/// a label a readout gave it. Each spelling is a name of its own (Portuguese Índia stems apart
/// from India), but what they fold to belongs to one topic only: an exclusion constraint keeps
/// any <see cref="Key"/> from naming two topics.
/// </summary>
public class TopicName
{
    public int Id { get; set; }

    public int TopicId { get; set; }

    public required string Text { get; set; }

    /// <summary><see cref="Infrastructure.NameKey.Fold"/> of <see cref="Text"/>; shared only by names of the same topic.</summary>
    public required string Key { get; set; }

    /// <summary><see cref="Infrastructure.NameKey.Latin"/> of <see cref="Text"/>, for search across scripts.</summary>
    public required string LatinKey { get; set; }

    /// <summary>
    /// The languages (primary BCP 47 tags) whose readouts are searched for this name, and whose
    /// stemming may resolve a label to it. Empty: the name only resolves labels equal to it.
    /// </summary>
    public string[] Languages { get; set; } = [];

    /// <summary>Found in text only exactly as written, letter case included (NATO, US, Chad), in all of <see cref="Languages"/>.</summary>
    public bool Cased { get; set; }
}

/// <summary>The slug of a topic merged into another: it leads to that one from then on.</summary>
public class TopicRedirect
{
    public required string Slug { get; set; }

    public int TopicId { get; set; }
}
