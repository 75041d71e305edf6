using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readouts.Api.Calls;

namespace Readouts.Api.Pages.Leaders;

/// <summary>A leader's calls over time, who they talk to most, and their latest calls.</summary>
public sealed class LeaderModel(CallActivity activity) : PageModel
{
    public LeaderActivity Activity { get; private set; } = null!;

    public MonthlyChart Chart { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await activity.OfLeaderAsync(slug, ct) is not { } found)
        {
            return NotFound();
        }

        Activity = found;
        Chart = MonthlyChart.Of(found.Months);
        return Page();
    }
}
