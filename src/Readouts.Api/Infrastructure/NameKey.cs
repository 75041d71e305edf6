using System.Globalization;
using System.Text;
using AnyAscii;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// The folded forms names are compared by. Readouts spell the same person or topic in many ways
/// (Erdoğan, ERDOGAN, Эрдоган), so every comparison goes through one of these keys.
/// </summary>
public static class NameKey
{
    /// <summary>
    /// Case, diacritics, punctuation and spacing removed; the script is kept, so "Эрдоган" and
    /// "Erdogan" stay different keys. Equal keys mean "the same name". Marks are removed only
    /// where they are accents on a letter (Latin, Greek, Cyrillic; Arabic and Hebrew vowel points):
    /// in Devanagari and the other Brahmic scripts they are the vowels themselves (टोगो Togo and
    /// टोंगा Tonga differ by them alone), and Japanese kana carry voicing in them (シ and ジ).
    /// </summary>
    public static string Fold(string text)
    {
        var lowered = text.Trim().ToLowerInvariant()
            // Letters that Unicode does not decompose into a base letter plus a mark.
            .Replace("ı", "i", StringComparison.Ordinal)
            .Replace("ß", "ss", StringComparison.Ordinal)
            .Replace("æ", "ae", StringComparison.Ordinal)
            .Replace("œ", "oe", StringComparison.Ordinal)
            .Replace("ø", "o", StringComparison.Ordinal)
            .Replace("ł", "l", StringComparison.Ordinal)
            .Replace("đ", "d", StringComparison.Ordinal);

        var builder = new StringBuilder(lowered.Length);
        var pendingSpace = false;
        var accented = false;
        foreach (var c in lowered.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                if (!accented)
                {
                    builder.Append(c);
                }

                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                // Lowered again after decomposition: İ (U+0130) has no invariant lower case, but its base letter does.
                builder.Append(char.ToLowerInvariant(c));
                pendingSpace = false;
                accented = TakesAccents(c);
            }
            else
            {
                pendingSpace = true;
                accented = false;
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Whether marks after this letter are accents: Latin, Greek, Cyrillic, Arabic and Hebrew letters.</summary>
    private static bool TakesAccents(char c) => c switch
    {
        <= '\u024F' => true,
        >= '\u0370' and <= '\u052F' => true,
        >= '\u0590' and <= '\u06FF' => true,
        >= '\u0750' and <= '\u077F' => true,
        >= '\u08A0' and <= '\u08FF' => true,
        >= '\u1C80' and <= '\u1C8F' => true,
        >= '\u1E00' and <= '\u1FFF' => true,
        >= '\u2C60' and <= '\u2C7F' => true,
        >= '\u2DE0' and <= '\u2DFF' => true,
        >= '\uA640' and <= '\uA69F' => true,
        >= '\uA720' and <= '\uA7FF' => true,
        >= '\uAB30' and <= '\uAB6F' => true,
        >= '\uFB1D' and <= '\uFDFF' => true,
        >= '\uFE70' and <= '\uFEFF' => true,
        >= '\uFF21' and <= '\uFF5A' => true,
        _ => false,
    };

    /// <summary>
    /// The folded name transliterated to Latin letters with spaces removed, so that a name in one
    /// script finds the same name in another (Путин → putin, 习近平 → xijinping). Different people can
    /// share it, which is why it is only consulted when <see cref="Fold"/> finds nothing.
    /// </summary>
    public static string Latin(string text)
    {
        var ascii = Fold(text).Transliterate();
        var builder = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>A URL-safe identifier: Latin letters and digits, words joined by hyphens.</summary>
    public static string Slug(string text)
    {
        var words = Fold(text)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string(word.Transliterate().ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()))
            .Where(word => word.Length > 0);
        return string.Join('-', words);
    }
}
