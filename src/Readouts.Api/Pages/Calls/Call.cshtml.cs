using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readouts.Api.Calls;
using Readouts.Api.Readouts;

namespace Readouts.Api.Pages.Calls;

/// <summary>A call's accounts side by side: GET /api/calls/{id} and its comparison, as a page.</summary>
public sealed class CallModel(CallActivity activity) : PageModel
{
    public CallPage Data { get; private set; } = null!;

    public CallDetails Call => Data.Call;

    public CallComparison Comparison => Data.Comparison;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await activity.OfCallAsync(id, ct) is not { } page)
        {
            return NotFound();
        }

        Data = page;
        return Page();
    }

    public string SourceName(string slug) => Data.Sources.TryGetValue(slug, out var source) ? source.Name : slug;

    public IEnumerable<ReadoutResponse> ReadoutsOf(string source) => Call.Readouts.Where(r => r.Source == source);

    public bool IsShared(string topic) => Comparison.SharedTopics.Any(t => t.Slug == topic);

    /// <summary>The mark of a subject: shared by every source, or one source's only.</summary>
    public string MarkClass(string topic) => IsShared(topic) ? "shared" : "only";

    public string MarkTitle(string topic)
    {
        if (IsShared(topic))
        {
            return "every source names it";
        }

        var sides = Comparison.Sources.Where(s => s.Topics.Any(t => t.Slug == topic)).Select(s => SourceName(s.Slug)).ToList();
        return sides.Count == 1 ? $"only {sides[0]} names it" : $"named by {string.Join(", ", sides)}";
    }

    /// <summary>A paragraph of a readout with its subjects' words marked; the text escaped by the builder.</summary>
    public IHtmlContent MarkedText(ReadoutResponse readout, string paragraph)
    {
        var html = new HtmlContentBuilder();
        foreach (var part in TextMarks.Of(readout, paragraph))
        {
            if (part.Topic is { } slug)
            {
                html.AppendHtml($"<mark class=\"{MarkClass(slug)}\" title=\"").Append(MarkTitle(slug)).AppendHtml("\">").Append(part.Text).AppendHtml("</mark>");
            }
            else
            {
                html.Append(part.Text);
            }
        }

        return html;
    }

    /// <summary>How a source has a subject: labelled or not, and the words it names it by, in its language.</summary>
    public IHtmlContent HowNamed(string source, SourceOnTopic said)
    {
        var html = new HtmlContentBuilder().Append(said.Given ? "Labels it" : "Does not label it");
        if (said.Mentions.Count > 0)
        {
            var language = HtmlEncoder.Default.Encode(ReadoutsOf(source).First().Language);
            html.Append("; names it as ");
            for (var i = 0; i < said.Mentions.Count; i++)
            {
                html.Append(i > 0 ? ", " : "").AppendHtml($"<q lang=\"{language}\">").Append(said.Mentions[i]).AppendHtml("</q>");
            }
        }

        return html.Append(".");
    }

    /// <summary>The language of a statement: its readout's.</summary>
    public string LanguageOf(string source, string statement) =>
        ReadoutsOf(source).FirstOrDefault(r => r.Statements.Any(s => s.Text == statement))?.Language ?? ReadoutsOf(source).First().Language;

    public string Leaders => string.Join(" – ", Call.Leaders.Select(l => l.Name));
}
