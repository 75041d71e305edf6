using Microsoft.AspNetCore.Mvc;

namespace Readouts.Api.Topics;

/// <summary>A topic as other resources show it.</summary>
/// <param name="Slug">Stable identifier, e.g. <c>ukraine</c>.</param>
/// <param name="Name">Its name in English; for a label first seen in a readout, that label.</param>
/// <param name="Kind">country, region, organization, theme, or other (a label matching no subject).</param>
public sealed record TopicRef(string Slug, string Name, string Kind);

/// <summary>A subject a readout's text names.</summary>
/// <param name="Slug">The subject's slug.</param>
/// <param name="Name">Its name in English.</param>
/// <param name="Kind">country, region, organization or theme.</param>
/// <param name="Words">The words that name it in the readout's title, body and statements, as written there (Украины, Ukrayna'daki).</param>
public sealed record MentionedTopic(string Slug, string Name, string Kind, IReadOnlyList<string> Words)
{
    public TopicRef ToRef() => new(Slug, Name, Kind);
}

/// <summary>One name of a topic.</summary>
/// <param name="Alias">The name as written.</param>
/// <param name="Languages">The languages (BCP 47 primary tags) whose readouts are searched for it; empty when it only resolves labels equal to it.</param>
/// <param name="Cased">Found in text only exactly as written, letter case included (names in capitals always are).</param>
public sealed record TopicAlias(string Alias, IReadOnlyList<string> Languages, bool Cased);

/// <summary>A subject of the registry, with every name it is known by.</summary>
/// <param name="Slug">Stable identifier.</param>
/// <param name="Name">Its name in English.</param>
/// <param name="Kind">country, region, organization, theme or other.</param>
/// <param name="Wikidata">Its Wikidata item, e.g. <c>Q212</c>; null when it has none.</param>
/// <param name="Country">ISO 3166-1 alpha-2 of a country or territory; null otherwise.</param>
/// <param name="Aliases">Every name it is known by, its English name included, in any language and script.</param>
public sealed record TopicResponse(string Slug, string Name, string Kind, string? Wikidata, string? Country, IReadOnlyList<TopicAlias> Aliases);

/// <summary>A name to add to a topic; also the body of POST /api/topics/{slug}/aliases.</summary>
public sealed class TopicAliasRequest
{
    /// <example>Донбасс</example>
    public string? Alias { get; init; }

    /// <summary>The languages whose readouts are searched for it (BCP 47 primary tags); without any, it only resolves labels equal to it.</summary>
    /// <example>["ru"]</example>
    public List<string?>? Languages { get; init; }

    /// <summary>Found only exactly as written, letter case included. Default: true for a name written in capitals, false otherwise.</summary>
    /// <example>false</example>
    public bool? Cased { get; init; }
}

/// <summary>A new subject for the registry.</summary>
public sealed class CreateTopicRequest
{
    /// <summary>Its name in English; the slug is derived from it, and it is looked for in English texts.</summary>
    /// <example>Donbas</example>
    public string? Name { get; init; }

    /// <summary>country, region, organization, theme or other.</summary>
    /// <example>region</example>
    public string? Kind { get; init; }

    /// <summary>Its Wikidata item, e.g. Q212.</summary>
    /// <example>Q1059</example>
    public string? Wikidata { get; init; }

    /// <summary>For a country or territory: its ISO 3166-1 alpha-2 code.</summary>
    public string? Country { get; init; }

    /// <summary>Its other names, in any language and script.</summary>
    /// <example>[{"alias": "Донбасс", "languages": ["ru"]}, {"alias": "Donbas", "languages": ["tr"]}]</example>
    public List<TopicAliasRequest?>? Aliases { get; init; }
}

/// <summary>Topics that mean the same subject as the one merged into.</summary>
public sealed class MergeTopicsRequest
{
    /// <summary>The slugs of the topics to merge into this one.</summary>
    /// <example>["ukraina"]</example>
    public List<string?>? Topics { get; init; }
}

/// <summary>Search over topics' names, in any script.</summary>
public sealed class TopicQuery
{
    /// <summary>A name or part of one, e.g. <c>Укра</c>, <c>乌克兰</c> or <c>ukr</c>; best match first.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}
