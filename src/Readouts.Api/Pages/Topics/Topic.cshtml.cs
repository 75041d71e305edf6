using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readouts.Api.Calls;

namespace Readouts.Api.Pages.Topics;

/// <summary>The calls about a subject, and who talks about it; a merged-away slug moves to the subject it joined.</summary>
public sealed class TopicModel(CallActivity activity) : PageModel
{
    public TopicActivity Activity { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "cursor")] string? cursor, CancellationToken ct)
    {
        if (await activity.OfTopicAsync(slug, string.IsNullOrWhiteSpace(cursor) ? null : cursor, ct) is not { } found)
        {
            return NotFound();
        }

        if (found.Topic.Slug != slug)
        {
            return RedirectPermanentPreserveMethod($"/topics/{Uri.EscapeDataString(found.Topic.Slug)}{Request.QueryString}");
        }

        Activity = found;
        return Page();
    }
}
