using Readouts.Api.Readouts;

namespace Readouts.Api.Topics;

/// <summary>A topic as the rules and the lists need it.</summary>
public sealed record TopicInfo(int Id, string Slug, string Name, string Kind, string? Country)
{
    public TopicRef Ref => new(Slug, Name, Kind);
}

/// <summary>
/// One name of a subject as texts of one language are searched for it: its words in lower case,
/// and each word's lexeme by that language's text search configuration ("" for a stop word).
/// </summary>
/// <param name="TopicId">The subject.</param>
/// <param name="Text">The name as written.</param>
/// <param name="Written">Its words as written, for a name found only as written (<paramref name="Cased"/>).</param>
/// <param name="Lowered">Its words in lower case (<see cref="Words.Lower"/>).</param>
/// <param name="Lexemes">Each word stemmed, "" where the word is a stop word.</param>
/// <param name="Cased">Found only as written, letter case included.</param>
public sealed record AliasForm(int TopicId, string Text, string[] Written, string[] Lowered, string[] Lexemes, bool Cased)
{
    /// <summary>The whole name in lower case, spaces included, for tie-breaks and substrings.</summary>
    public string LoweredText { get; } = Words.Lower(Text);

    /// <summary>Found only as written, letter case included: marked so, or every word a stop word (nothing to stem).</summary>
    public bool AsWritten => Cased || (Lexemes.Length > 0 && Lexemes.All(l => l.Length == 0));
}

/// <summary>How the names of one language are looked for in its texts (<see cref="MentionFinder.ModeOf"/>).</summary>
public enum MentionMode
{
    /// <summary>Word by word, each compared after stemming with the language's configuration.</summary>
    Words,

    /// <summary>As a part of a word: the name's last word may be followed by endings (Korean particles).</summary>
    WordStart,

    /// <summary>Anywhere in the text: scripts written without spaces (Chinese, Japanese).</summary>
    Substring,
}

/// <summary>
/// The names of one language, arranged for <see cref="MentionFinder"/> and <see cref="TopicResolver"/>:
/// by their first word, by the beginnings of their words (which words of a text are worth
/// stemming), and by the stems of all their words (a label's resolution).
/// </summary>
public sealed class LanguageAliases
{
    public LanguageAliases(string language, IEnumerable<AliasForm> forms)
    {
        Language = language;
        Config = SearchLanguages.ConfigurationFor(language);
        Mode = MentionFinder.ModeOf(language);
        Forms = forms.ToList();
        foreach (var form in Forms)
        {
            if (Mode != MentionMode.Words)
            {
                Prefixes.Add(Mode == MentionMode.Substring ? form.LoweredText : form.Lowered[0], form);
                continue;
            }

            var (byFirst, first) = form.AsWritten ? (ByFirstWord, form.Written[0])
                : form.Lexemes[0].Length > 0 ? (ByFirstStem, form.Lexemes[0])
                : (ByFirstWord, form.Lowered[0]);
            if (!byFirst.TryGetValue(first, out var list))
            {
                byFirst[first] = list = [];
            }

            list.Add(form);
            if (!form.AsWritten)
            {
                for (var i = 0; i < form.Lowered.Length; i++)
                {
                    if (form.Lexemes[i].Length > 0)
                    {
                        Prefixes.Add(MentionFinder.CandidateKey(form.Lowered[i], form.Lexemes[i]), form);
                    }
                }

                var signature = Signature(form.Lowered, form.Lexemes);
                if (!BySignature.TryGetValue(signature, out var same))
                {
                    BySignature[signature] = same = [];
                }

                same.Add(form);
            }
        }
    }

    /// <summary>The primary language tag (<c>ru</c>).</summary>
    public string Language { get; }

    /// <summary>Its PostgreSQL text search configuration.</summary>
    public string Config { get; }

    public MentionMode Mode { get; }

    public IReadOnlyList<AliasForm> Forms { get; }

    /// <summary>
    /// In <see cref="MentionMode.Words"/>: names by what their first word must be as written (a name
    /// found only as written), or lowered (one whose first word is a stop word).
    /// </summary>
    public Dictionary<string, List<AliasForm>> ByFirstWord { get; } = new(StringComparer.Ordinal);

    /// <summary>In <see cref="MentionMode.Words"/>: names by the stem their first word must have.</summary>
    public Dictionary<string, List<AliasForm>> ByFirstStem { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// In <see cref="MentionMode.Words"/>: the beginnings that a word of a text must contain to be worth
    /// stemming (<see cref="MentionFinder.CandidateKey"/>); otherwise the names themselves, lowered.
    /// </summary>
    public PrefixTree<AliasForm> Prefixes { get; } = new();

    /// <summary>Names stemmed as a whole (<see cref="Signature"/>), for labels.</summary>
    public Dictionary<string, List<AliasForm>> BySignature { get; } = new(StringComparer.Ordinal);

    /// <summary>Words as a label is compared: each one's stem, or the word itself where it is a stop word.</summary>
    public static string Signature(IReadOnlyList<string> lowered, IReadOnlyList<string> lexemes) =>
        string.Join(' ', lowered.Select((word, i) => lexemes[i].Length > 0 ? lexemes[i] : "=" + word));
}

/// <summary>
/// Every topic and the names it is known by, in memory: what posts and queries resolve labels
/// and find mentions with. Built by <see cref="Subjects"/> from the database and replaced whole
/// when the registry changes (on any API instance: see <see cref="RegistryListener"/>).
/// </summary>
public sealed class SubjectIndex(
    IReadOnlyDictionary<int, TopicInfo> topics,
    IReadOnlyDictionary<string, int> byKey,
    IReadOnlyDictionary<string, int> bySlug,
    IReadOnlyDictionary<string, LanguageAliases> languages)
{
    public static SubjectIndex Empty { get; } = new(new Dictionary<int, TopicInfo>(), new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, LanguageAliases>());

    public IReadOnlyDictionary<int, TopicInfo> Topics { get; } = topics;

    /// <summary>Topic ids by the folded form (<see cref="Infrastructure.NameKey.Fold"/>) of each of their names.</summary>
    public IReadOnlyDictionary<string, int> ByKey { get; } = byKey;

    /// <summary>Topic ids by slug, merged slugs included (leading to the topic they were merged into).</summary>
    public IReadOnlyDictionary<string, int> BySlug { get; } = bySlug;

    /// <summary>The names looked for in each language's texts, by primary language tag.</summary>
    public IReadOnlyDictionary<string, LanguageAliases> Languages { get; } = languages;

    private readonly Dictionary<string, int> byCountry = topics.Values.Where(t => t.Country is not null)
        .ToDictionary(t => t.Country!.Trim(), t => t.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The topics of these countries (ISO 3166-1 alpha-2), of those the registry has.</summary>
    public HashSet<int> TopicsOfCountries(IEnumerable<string> countries) =>
        countries.Select(c => byCountry.TryGetValue(c.Trim(), out var id) ? id : 0).Where(id => id != 0).ToHashSet();

    /// <summary>
    /// Topics found in the database since this index was built, by the folded form of a name:
    /// labels first seen on another instance, and only ones read as committed.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Learned { get; } = new(StringComparer.Ordinal);

    /// <summary>The names of a readout's language (<c>pt-BR</c> searches the <c>pt</c> names), if any.</summary>
    public LanguageAliases? For(string language) =>
        Languages.GetValueOrDefault(language.Split('-')[0].ToLowerInvariant());
}
