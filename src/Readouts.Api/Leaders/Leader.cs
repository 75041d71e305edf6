namespace Readouts.Api.Leaders;

/// <summary>A person who takes part in calls: a head of state or government.</summary>
public class Leader
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string Country { get; set; }

    /// <summary>Their Wikidata item (<c>Q7747</c>), where known.</summary>
    public string? Wikidata { get; set; }

    /// <summary>Every form the leader is known by, the canonical <see cref="Name"/> included.</summary>
    public List<LeaderName> Names { get; set; } = [];
}

/// <summary>
/// One spelling of a leader's name. The canonical name is stored here too, so that one unique
/// index on <see cref="Key"/> keeps any name or alias from belonging to two leaders.
/// </summary>
public class LeaderName
{
    public int Id { get; set; }

    public int LeaderId { get; set; }

    public required string Text { get; set; }

    /// <summary><see cref="Infrastructure.NameKey.Fold"/> of <see cref="Text"/>; unique.</summary>
    public required string Key { get; set; }

    /// <summary><see cref="Infrastructure.NameKey.Latin"/> of <see cref="Text"/>; not unique.</summary>
    public required string LatinKey { get; set; }

    public static LeaderName For(string text) => new()
    {
        Text = text.Trim(),
        Key = Infrastructure.NameKey.Fold(text),
        LatinKey = Infrastructure.NameKey.Latin(text),
    };
}
