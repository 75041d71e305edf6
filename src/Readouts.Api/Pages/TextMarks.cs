using Readouts.Api.Topics;

namespace Readouts.Api.Pages;

/// <summary>A run of a readout's text: plain, or the words that name a subject.</summary>
public sealed record TextPart(string Text, string? Topic);

/// <summary>
/// Where a readout's text names its subjects, for the marks on a call's page: every place where a
/// word found by <see cref="MentionFinder"/> stands as a whole word (or anywhere, in Chinese and
/// Japanese), the longest first where two overlap, the earlier where they start apart.
/// </summary>
public static class TextMarks
{
    public static IReadOnlyList<TextPart> Mark(string text, IEnumerable<(string Words, string Topic)> names)
    {
        var found = new List<(int Start, int Length, string Topic)>();
        foreach (var (words, topic) in names)
        {
            if (words.Length == 0)
            {
                continue;
            }

            for (var at = text.IndexOf(words, StringComparison.Ordinal); at >= 0; at = text.IndexOf(words, at + 1, StringComparison.Ordinal))
            {
                if (MentionFinder.Bounded(text, at, words.Length))
                {
                    found.Add((at, words.Length, topic));
                }
            }
        }

        var parts = new List<TextPart>();
        var position = 0;
        foreach (var (start, length, topic) in found.OrderBy(f => f.Start).ThenByDescending(f => f.Length))
        {
            if (start < position)
            {
                continue;
            }

            if (start > position)
            {
                parts.Add(new TextPart(text[position..start], null));
            }

            parts.Add(new TextPart(text.Substring(start, length), topic));
            position = start + length;
        }

        if (position < text.Length)
        {
            parts.Add(new TextPart(text[position..], null));
        }

        return parts;
    }

    /// <summary>A readout's text cut into plain runs and the words that name its subjects.</summary>
    public static IReadOnlyList<TextPart> Of(Readouts.ReadoutResponse readout, string text) =>
        Mark(text, readout.MentionedTopics.SelectMany(m => m.Words.Select(w => (w, m.Slug))));

    /// <summary>A text's paragraphs: its lines with anything on them.</summary>
    public static IEnumerable<string> Paragraphs(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
