using Readouts.Api.Infrastructure;

namespace Readouts.Api.Topics;

/// <summary>
/// Resolves a topic label (posted with a readout, or a <c>topic=</c> filter) to a subject. The rules,
/// in order of trust:
/// <list type="number">
/// <item>A label equal to one of a topic's names once folded (case, diacritics, punctuation and
/// spacing ignored, as for leaders: Украина, UKRAINE, Ukrayna) is that topic.</item>
/// <item>A label written as a slug (lower-case Latin letters, digits, hyphens) is the topic with that
/// slug, or the topic a merge gave that slug to.</item>
/// <item>Failing that, a label whose words, stemmed with the configuration of the readout's language
/// (of every language, for a query), equal a name's words in that language is that name's topic
/// (Украине, Ukrayna'nın). Where the stems fit names of several topics, the name that shares the
/// longest beginning with the label wins, then the shorter name; a true tie resolves to none. The
/// endings an apostrophe joins to a word are tried without, as the case endings Turkish writes so
/// (Ukrayna'nın is Ukrayna).</item>
/// <item>Transliteration or likeness alone never resolves a label: Iran is not Iraq, Austria not
/// Australia, Niger not Nigeria. A label that resolves to none becomes a topic of its own, of
/// kind <c>other</c> (see <see cref="TopicService"/>).</item>
/// </list>
/// </summary>
public static class TopicResolver
{
    /// <summary>Rules 1 and 2: what needs no stemming. Null when neither applies.</summary>
    public static int? ByName(SubjectIndex index, string label)
    {
        var key = NameKey.Fold(label);
        if (index.ByKey.TryGetValue(key, out var id) || index.Learned.TryGetValue(key, out id))
        {
            return id;
        }

        return SlugOf(label) is { } slug && index.BySlug.TryGetValue(slug, out id) ? id : null;
    }

    /// <summary>The label as a slug, if it is written as one.</summary>
    public static string? SlugOf(string label)
    {
        var slug = label.Trim();
        return slug.Length > 0 && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ? slug : null;
    }

    /// <summary>The languages whose stems rule 3 compares: the readout's, or, for a query (null), all.</summary>
    public static IEnumerable<LanguageAliases> LanguagesFor(SubjectIndex index, string? language) =>
        (language is null ? index.Languages.Values : index.For(language) is { } one ? [one] : [])
            .Where(l => l.Mode == MentionMode.Words);

    /// <summary>The label's words, lowered, that rule 3 stems in each of its languages.</summary>
    public static IEnumerable<(string Config, string Word)> WordsToStem(SubjectIndex index, string label, string? language)
    {
        var words = LoweredWords(label, endings: true);
        return LanguagesFor(index, language).SelectMany(l => words.Select(w => (l.Config, w))).Distinct();
    }

    /// <summary>
    /// Rule 3. Null when no name's stems fit, or several topics' fit equally well. <paramref name="lexemeOf"/>
    /// gives a lowered word's lexeme in a configuration ("" for a stop word), or null if it was not stemmed.
    /// </summary>
    public static int? ByStems(SubjectIndex index, string label, string? language, Func<string, string, string?> lexemeOf)
    {
        var lowered = Words.Lower(label.Trim());
        var candidates = new List<AliasForm>();
        foreach (var words in new[] { LoweredWords(label, endings: true), LoweredWords(label, endings: false) }.Where(w => w.Count > 0).DistinctBy(w => string.Join(' ', w)))
        {
            foreach (var aliases in LanguagesFor(index, language))
            {
                var lexemes = words.Select(w => lexemeOf(aliases.Config, w)).ToList();
                if (lexemes.Any(l => l is null) || lexemes.All(l => l!.Length == 0))
                {
                    continue;
                }

                if (aliases.BySignature.TryGetValue(LanguageAliases.Signature(words, lexemes!), out var forms))
                {
                    candidates.AddRange(forms);
                }
            }
        }

        var ranked = candidates
            .Select(f => (f.TopicId, Shared: Words.CommonPrefix(lowered, f.LoweredText), f.LoweredText.Length))
            .Distinct()
            .OrderByDescending(r => r.Shared).ThenBy(r => r.Length)
            .ToList();
        if (ranked.Count == 0)
        {
            return null;
        }

        var best = ranked[0];
        return ranked.Any(r => r.Shared == best.Shared && r.Length == best.Length && r.TopicId != best.TopicId) ? null : best.TopicId;
    }

    /// <summary>The label's words, lowered; without <paramref name="endings"/>, not those an apostrophe joins to the word before.</summary>
    private static List<string> LoweredWords(string label, bool endings)
    {
        var words = Words.Split(label);
        return words.Where((w, i) => endings || i == 0 || words[i - 1].SurfaceEnd <= w.Start)
            .Select(w => Words.Lower(label.AsSpan(w.Start, w.Length)))
            .ToList();
    }
}
