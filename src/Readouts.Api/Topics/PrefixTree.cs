namespace Readouts.Api.Topics;

/// <summary>Strings stored by their letters, so that the ones a text starts with are found in one walk.</summary>
public sealed class PrefixTree<T>
{
    private sealed class Node
    {
        public Dictionary<char, Node>? Next;
        public List<T>? Values;
    }

    private readonly Node root = new();

    public void Add(string key, T value)
    {
        var node = root;
        foreach (var c in key)
        {
            node.Next ??= [];
            if (!node.Next.TryGetValue(c, out var next))
            {
                node.Next[c] = next = new Node();
            }

            node = next;
        }

        (node.Values ??= []).Add(value);
    }

    /// <summary>Every stored string that <paramref name="text"/> starts with, shortest first, with its values and length.</summary>
    public IEnumerable<(int Length, List<T> Values)> StartsOf(string text, int start = 0, int end = -1)
    {
        end = end < 0 ? text.Length : end;
        var node = root;
        for (var i = start; i < end; i++)
        {
            if (node.Next is null || !node.Next.TryGetValue(text[i], out node))
            {
                yield break;
            }

            if (node.Values is not null)
            {
                yield return (i - start + 1, node.Values);
            }
        }
    }

    /// <summary>Whether some stored string occurs in <paramref name="text"/>: at any place (<paramref name="anywhere"/>), or at its start.</summary>
    public bool Occurs(ReadOnlySpan<char> text, bool anywhere)
    {
        // Asked of every word of every readout: a walk with no iterator and no string.
        for (var start = 0; start < (anywhere ? text.Length : Math.Min(1, text.Length)); start++)
        {
            var node = root;
            for (var i = start; i < text.Length; i++)
            {
                if (node.Next is null || !node.Next.TryGetValue(text[i], out node))
                {
                    break;
                }

                if (node.Values is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
