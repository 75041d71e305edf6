using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Readouts.Api.Infrastructure.Migrations.Registry;

/// <summary>One name of a registry subject: where it is looked for in text, and how.</summary>
/// <param name="Text">As written.</param>
/// <param name="Languages">The languages whose texts are searched for it (the data's languages that list it, but those that list it as labelOnly).</param>
/// <param name="Cased">Found only as written: the data says so, or it is written in capitals (<see cref="Topics.MentionFinder.IsWrittenInCapitals"/>).</param>
/// <param name="ListedIn">Every language the data lists it in, label-only ones included.</param>
internal sealed record RegistryName(string Text, string[] Languages, bool Cased, string[] ListedIn);

/// <summary>A subject as the registry's data files describe it.</summary>
internal sealed record RegistrySubject(string Slug, string Name, string Kind, string? Wikidata, string? Country, IReadOnlyList<RegistryName> Names);

/// <summary>
/// The registry of subjects the migration TopicSubjects loads, read from the data files beside this
/// class, embedded in the assembly: countries.json (generated from CLDR by generate-countries.mjs)
/// and subjects.json (curated). A spelling listed in several languages is one name looked for in
/// all of them ("NATO"); spellings that differ only in accents or case stay names of their own
/// (Portuguese Índia stems apart from India), sharing the folded form that resolves labels.
/// </summary>
internal static class SubjectRegistry
{
    // Before Subjects: static fields are set in the order they are written.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    public static IReadOnlyList<RegistrySubject> Subjects { get; } = Load();

    private sealed record File(List<Entry>? Countries, List<Entry>? Subjects);

    private sealed record Entry(
        string Slug,
        string Kind,
        string? Wikidata,
        string? Code,
        Dictionary<string, List<string>> Names,
        Dictionary<string, List<string>>? LabelOnly,
        Dictionary<string, List<string>>? Cased);

    private static List<RegistrySubject> Load() =>
        [.. Read("countries.json").Countries!.Select(ToSubject), .. Read("subjects.json").Subjects!.Select(ToSubject)];

    private static File Read(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream($"Readouts.Api.Registry.{name}")
            ?? throw new InvalidOperationException($"The registry file {name} is not embedded in {assembly.GetName().Name}.");
        return JsonSerializer.Deserialize<File>(stream, Options)!;
    }

    private static RegistrySubject ToSubject(Entry entry)
    {
        // A theme's first English name is in lower case, as it is found in text ("sanctions"); its title begins with a capital.
        var name = entry.Names["en"][0];
        name = char.ToUpperInvariant(name[0]) + name[1..];
        var names = new List<RegistryName>();
        foreach (var group in entry.Names
            .SelectMany(language => language.Value.Select(text => (Language: language.Key, Text: text)))
            .GroupBy(n => n.Text, StringComparer.Ordinal))
        {
            var text = group.Key;
            var searched = group
                .Where(n => entry.LabelOnly?.GetValueOrDefault(n.Language)?.Contains(n.Text) != true)
                .Select(n => n.Language)
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToArray();
            var cased = group.Any(n => entry.Cased?.GetValueOrDefault(n.Language)?.Contains(n.Text) == true) || Topics.MentionFinder.IsWrittenInCapitals(text);
            names.Add(new RegistryName(text, searched, cased, [.. group.Select(n => n.Language).Distinct().Order(StringComparer.Ordinal)]));
        }

        return new RegistrySubject(entry.Slug, name, entry.Kind, entry.Wikidata, entry.Code, names);
    }
}
