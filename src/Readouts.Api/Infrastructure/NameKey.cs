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
    /// "Erdogan" stay different keys. Equal keys mean "the same name".
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
        foreach (var c in lowered.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
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
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

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
