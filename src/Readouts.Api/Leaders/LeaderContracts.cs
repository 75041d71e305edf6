namespace Readouts.Api.Leaders;

/// <summary>A leader as other resources show them.</summary>
/// <param name="Slug">Stable identifier, e.g. <c>recep-tayyip-erdogan</c>.</param>
/// <param name="Name">Canonical name, e.g. <c>Recep Tayyip Erdoğan</c>.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
public sealed record LeaderRef(string Slug, string Name, string Country);

/// <summary>A leader with every other name they are known by.</summary>
/// <param name="Slug">Stable identifier.</param>
/// <param name="Name">Canonical name.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Aliases">Every other name, in any script.</param>
/// <param name="Wikidata">Their Wikidata item, e.g. <c>Q7747</c>; null when not known.</param>
public sealed record LeaderResponse(string Slug, string Name, string Country, IReadOnlyList<string> Aliases, string? Wikidata);

/// <summary>A new leader for the registry.</summary>
public sealed class CreateLeaderRequest
{
    /// <summary>Canonical name; the slug is derived from it.</summary>
    /// <example>Alexander Stubb</example>
    public string? Name { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code.</summary>
    /// <example>FI</example>
    public string? Country { get; init; }

    /// <summary>Their Wikidata item.</summary>
    /// <example>Q379690</example>
    public string? Wikidata { get; init; }

    /// <summary>Other spellings and scripts the leader is referred to by.</summary>
    /// <example>["Stubb", "Александр Стубб"]</example>
    public List<string?>? Aliases { get; init; }
}

/// <summary>One more name for an existing leader.</summary>
public sealed class AddAliasRequest
{
    /// <example>Эрдоган</example>
    public string? Alias { get; init; }
}

/// <summary>Search over names and aliases, in any script.</summary>
public sealed class LeaderQuery
{
    /// <summary>Part of a name or alias, e.g. <c>erdo</c> or <c>Путин</c>; best match first.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}
