namespace Readouts.Api.Topics;

/// <summary>A subject named in a text, and the words that name it there, as written.</summary>
public readonly record struct Mention(int TopicId, string Words);

/// <summary>
/// Finds the subjects a readout's texts name. The rules:
/// <list type="number">
/// <item>A text mentions a subject when one of the subject's names in the text's language occurs
/// in it: word by word, each word compared after stemming with PostgreSQL's text search
/// configuration of the language (Ukrainy, Украины, Ucrânia, Ближнем Востоке), a stop word of the
/// name as it is written (Bosnia and Herzegovina).</item>
/// <item>In Chinese and Japanese, written without spaces, a name occurs as a part of the text; in
/// Korean, whose particles attach to words, a word may continue past the name.</item>
/// <item>A name written in capitals (NATO, US, ООН), one the registry marks as cased (Chad, which
/// is also a given name), or one made only of stop words (Russian Того), is found only as written,
/// letter case included.</item>
/// <item>Where names overlap, the longest wins (Guinea-Bissau, not Guinea; Papua New Guinea).</item>
/// <item>When one word stems like names of several subjects (Russian Нигерии: Нигер and Нигерия), it
/// names the one whose name shares the longest beginning with it, then the shorter name; a true
/// tie names none.</item>
/// <item>The countries of the call's own leaders are not mentions: every readout names them.</item>
/// </list>
/// </summary>
public static class MentionFinder
{
    /// <summary>Names found in a readout, per subject: at most this many different spellings.</summary>
    public const int MaxWordsPerSubject = 20;

    public static MentionMode ModeOf(string language) => language.Split('-')[0].ToLowerInvariant() switch
    {
        "zh" or "ja" or "th" or "lo" or "km" or "my" => MentionMode.Substring,
        "ko" => MentionMode.WordStart,
        _ => MentionMode.Words,
    };

    /// <summary>
    /// Configurations whose stemmer removes prefixes as well as endings (Arabic والعراق → عراق):
    /// there a word's stem may begin inside it.
    /// </summary>
    public static bool StripsPrefixes(string config) => config is "arabic" or "indonesian" or "irish";

    /// <summary>
    /// Written in capitals, as an acronym is: at least two capital letters (or one and a digit:
    /// G7) and no small ones.
    /// </summary>
    public static bool IsWrittenInCapitals(string name)
    {
        int upper = 0, digits = 0;
        foreach (var c in name)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            upper += char.IsUpper(c) ? 1 : 0;
            digits += char.IsDigit(c) ? 1 : 0;
        }

        return upper >= 2 || (upper == 1 && digits > 0);
    }

    /// <summary>
    /// What a word of a text must contain to be worth stemming for a name's word: the stem where the
    /// word holds it, else their common beginning (germani, Germany), else the word itself.
    /// </summary>
    public static string CandidateKey(string loweredWord, string lexeme)
    {
        if (loweredWord.Contains(lexeme, StringComparison.Ordinal))
        {
            return lexeme;
        }

        var common = Words.CommonPrefix(loweredWord, lexeme);
        return common >= 2 ? loweredWord[..common] : loweredWord;
    }

    /// <summary>
    /// The words of these texts, lowered, that must be stemmed before <see cref="Find"/> can tell
    /// whether they name a subject: only those that contain a <see cref="CandidateKey"/>.
    /// </summary>
    public static IEnumerable<string> WordsToStem(LanguageAliases aliases, IEnumerable<string> texts)
    {
        if (aliases.Mode != MentionMode.Words)
        {
            yield break;
        }

        var anywhere = StripsPrefixes(aliases.Config);
        foreach (var text in texts)
        {
            var lowered = Words.Lower(text);
            foreach (var word in Words.Split(text))
            {
                if (aliases.Prefixes.Occurs(lowered.AsSpan(word.Start, word.Length), anywhere))
                {
                    yield return lowered.Substring(word.Start, word.Length);
                }
            }
        }
    }

    /// <summary>
    /// The subjects these texts of one readout mention, each with its words as written (distinct, in
    /// order of appearance), leaving out <paramref name="excluded"/> (the leaders' own countries).
    /// <paramref name="lexemeOf"/> gives a lowered word's lexeme ("" for a stop word), or null when it was not stemmed.
    /// </summary>
    public static Dictionary<int, List<string>> FindAll(LanguageAliases aliases, IEnumerable<string> texts, Func<string, string?> lexemeOf, IReadOnlySet<int> excluded)
    {
        var found = new Dictionary<int, List<string>>();
        foreach (var text in texts)
        {
            foreach (var mention in Find(aliases, text, lexemeOf))
            {
                if (excluded.Contains(mention.TopicId))
                {
                    continue;
                }

                if (!found.TryGetValue(mention.TopicId, out var words))
                {
                    found[mention.TopicId] = words = [];
                }

                if (words.Count < MaxWordsPerSubject && !words.Contains(mention.Words, StringComparer.Ordinal))
                {
                    words.Add(mention.Words);
                }
            }
        }

        return found;
    }

    /// <summary>A name found between two places of a text: words [Start, End) or, in <see cref="MentionMode.Substring"/>, characters.</summary>
    private readonly record struct Match(int Start, int End, int Width, AliasForm Form);

    /// <summary>The mentions in one text, in order.</summary>
    public static List<Mention> Find(LanguageAliases aliases, string text, Func<string, string?> lexemeOf)
    {
        if (aliases.Mode == MentionMode.Substring)
        {
            return FindSubstrings(aliases, text);
        }

        // Every word of every readout passes here, and few start a name: a word costs a string
        // only once it may (the lookups take spans of the text and of the text lowered).
        var words = Words.Split(text);
        var loweredText = Words.Lower(text);
        var written = new string?[words.Count];
        var lowered = new string?[words.Count];
        string WrittenAt(int i) => written[i] ??= text.Substring(words[i].Start, words[i].Length);
        string LoweredAt(int i) => lowered[i] ??= loweredText.Substring(words[i].Start, words[i].Length);

        var exact = aliases.ByFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        var byStem = aliases.ByFirstStem;
        var anywhere = StripsPrefixes(aliases.Config);
        var matches = new List<Match>();
        var forms = new List<AliasForm>();
        for (var i = 0; i < words.Count; i++)
        {
            forms.Clear();
            var writtenSpan = text.AsSpan(words[i].Start, words[i].Length);
            var loweredSpan = loweredText.AsSpan(words[i].Start, words[i].Length);
            if (aliases.Mode == MentionMode.WordStart)
            {
                foreach (var (_, values) in aliases.Prefixes.StartsOf(LoweredAt(i)))
                {
                    forms.AddRange(values);
                }
            }
            else
            {
                if (exact.TryGetValue(writtenSpan, out var asWritten))
                {
                    forms.AddRange(asWritten);
                }

                if (!writtenSpan.SequenceEqual(loweredSpan) && exact.TryGetValue(loweredSpan, out var asLowered))
                {
                    forms.AddRange(asLowered);
                }

                // Only a word that may hold a name's stem was stemmed (WordsToStem).
                if (aliases.Prefixes.Occurs(loweredSpan, anywhere)
                    && lexemeOf(LoweredAt(i)) is { Length: > 0 } lexeme
                    && byStem.TryGetValue(lexeme, out var stemmed))
                {
                    forms.AddRange(stemmed);
                }
            }

            foreach (var form in forms)
            {
                var end = i + form.Lowered.Length;
                var all = end <= words.Count;
                for (var k = 0; all && k < form.Lowered.Length; k++)
                {
                    all = WordMatches(aliases.Mode, form, k, WrittenAt(i + k), LoweredAt(i + k), lexemeOf);
                }

                if (all)
                {
                    matches.Add(new Match(i, end, words[end - 1].End - words[i].Start, form));
                }
            }
        }

        return Choose(matches, m => loweredText[words[m.Start].Start..words[m.End - 1].End])
            .Select(m => new Mention(m.Form.TopicId, text[words[m.Start].Start..words[m.End - 1].SurfaceEnd]))
            .ToList();
    }

    private static bool WordMatches(MentionMode mode, AliasForm form, int k, string written, string lowered, Func<string, string?> lexemeOf)
    {
        if (mode == MentionMode.WordStart)
        {
            var whole = form.Cased ? written : lowered;
            var name = form.Cased ? form.Written[k] : form.Lowered[k];
            return k == form.Lowered.Length - 1 ? whole.StartsWith(name, StringComparison.Ordinal) : whole == name;
        }

        if (form.AsWritten)
        {
            return written == form.Written[k];
        }

        return form.Lexemes[k].Length == 0 ? lowered == form.Lowered[k] : lexemeOf(lowered) == form.Lexemes[k];
    }

    private static List<Mention> FindSubstrings(LanguageAliases aliases, string text)
    {
        var lowered = Words.Lower(text);
        var matches = new List<Match>();
        for (var start = 0; start < lowered.Length; start++)
        {
            foreach (var (length, forms) in aliases.Prefixes.StartsOf(lowered, start))
            {
                if (!Bounded(text, start, length))
                {
                    continue;
                }

                foreach (var form in forms.Where(f => !f.Cased || text.AsSpan(start, length).SequenceEqual(f.Text)))
                {
                    matches.Add(new Match(start, start + length, length, form));
                }
            }
        }

        return Choose(matches, m => lowered[m.Start..m.End]).Select(m => new Mention(m.Form.TopicId, text[m.Start..m.End])).ToList();
    }

    /// <summary>
    /// Whether a text holds these words as found by <see cref="Find"/> (the comparison asks which
    /// statements name a subject): as written, as whole words where the script spaces its words.
    /// </summary>
    public static bool Names(string text, string words)
    {
        for (var at = text.IndexOf(words, StringComparison.Ordinal); at >= 0; at = text.IndexOf(words, at + 1, StringComparison.Ordinal))
        {
            if (Bounded(text, at, words.Length))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A name found inside a text of a spaced script (a Latin acronym in a Chinese text) must still be a whole word.</summary>
    internal static bool Bounded(string text, int start, int length)
    {
        var end = start + length;
        var left = start == 0 || !char.IsLetterOrDigit(text[start - 1]) || Words.IsUnspaced(text[start - 1]) || Words.IsUnspaced(text[start]);
        var right = end == text.Length || !char.IsLetterOrDigit(text[end]) || Words.IsUnspaced(text[end]) || Words.IsUnspaced(text[end - 1]);
        return left && right;
    }

    /// <summary>
    /// The matches that stand: the longest first where they overlap; of several names found at one
    /// place, the one that shares the longest beginning with the text there, then the shorter; a
    /// true tie between subjects, none.
    /// </summary>
    private static IEnumerable<Match> Choose(List<Match> matches, Func<Match, string> textAt)
    {
        var taken = -1;
        foreach (var place in matches.GroupBy(m => (m.Start, m.End)).OrderBy(g => g.Key.Start).ThenByDescending(g => g.First().Width))
        {
            if (place.Key.Start < taken)
            {
                continue;
            }

            taken = place.Key.End;
            var here = textAt(place.First());
            var ranked = place
                .Select(m => (Match: m, Shared: Words.CommonPrefix(here, m.Form.LoweredText), Length: m.Form.LoweredText.Length))
                .OrderByDescending(r => r.Shared).ThenBy(r => r.Length)
                .ToList();
            var best = ranked[0];
            if (ranked.Skip(1).Any(r => r.Shared == best.Shared && r.Length == best.Length && r.Match.Form.TopicId != best.Match.Form.TopicId))
            {
                continue;
            }

            yield return best.Match;
        }
    }
}
