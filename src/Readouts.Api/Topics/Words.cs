using System.Globalization;

namespace Readouts.Api.Topics;

/// <summary>
/// A word of a text: letters and digits between <see cref="Start"/> and <see cref="End"/>, and the
/// end of what it reads as (<see cref="SurfaceEnd"/>): the word with the endings an apostrophe
/// joins to it, as Turkish writes a name's case (Ukrayna'daki) and English its possessive.
/// </summary>
public readonly record struct Word(int Start, int End, int SurfaceEnd)
{
    public int Length => End - Start;
}

/// <summary>How texts and names are cut into words, and how words are compared, for subjects.</summary>
public static class Words
{
    /// <summary>
    /// The words of a text. Apostrophes and hyphens separate words ("l'Ukraine" is "l" and
    /// "Ukraine", "Guinea-Bissau" two words), as PostgreSQL's parser separates them; an apostrophe
    /// between letters still joins the ending to the word it follows, in <see cref="Word.SurfaceEnd"/>.
    /// </summary>
    public static List<Word> Split(string text)
    {
        // About one word in seven characters in the languages of readouts: few growths of the list.
        var words = new List<Word>(text.Length / 7 + 1);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }

            var end = i;
            var surfaceEnd = end;
            while (surfaceEnd + 1 < text.Length && IsApostrophe(text[surfaceEnd]) && char.IsLetter(text[surfaceEnd + 1]))
            {
                surfaceEnd++;
                while (surfaceEnd < text.Length && IsWordChar(text[surfaceEnd]))
                {
                    surfaceEnd++;
                }
            }

            words.Add(new Word(start, end, surfaceEnd));
        }

        return words;
    }

    public static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ' or '‘' or '`' or '´';

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>
    /// A word in lower case, as words are compared for subjects; dotted and dotless capital I
    /// lowered to i, as PostgreSQL lowers them.
    /// </summary>
    public static string Lower(ReadOnlySpan<char> word)
    {
        // One pass over the whole span (one call into ICU for a text, not one per letter); simple
        // case mapping keeps the length, so a word's place in a text is its place in the text lowered.
        return string.Create(word.Length, word, static (lowered, source) =>
        {
            source.ToLowerInvariant(lowered);
            for (var i = 0; i < source.Length; i++)
            {
                if (source[i] == 'İ')
                {
                    lowered[i] = 'i';
                }
            }
        });
    }

    /// <summary>How many characters two words share from the start.</summary>
    public static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    /// <summary>Whether a character is of a script written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar).</summary>
    public static bool IsUnspaced(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF')
            or (>= '\u0E00' and <= '\u0EFF') or (>= '\u1780' and <= '\u17FF') or (>= '\u1000' and <= '\u109F') or (>= '\uFF66' and <= '\uFF9F')
        || char.IsSurrogate(c);
}
