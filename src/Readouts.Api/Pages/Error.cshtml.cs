using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Readouts.Api.Pages;

/// <summary>The page a browser gets for a page's error status (a 404 for an unknown call, leader, topic or path).</summary>
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public IActionResult OnGet(int code)
    {
        // Only as the answer to another request: asked for directly, this address is itself unknown.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            return NotFound();
        }

        Status = code;
        return Page();
    }

    public string Heading => Status switch
    {
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Pages are read only",
        _ => "Something went wrong",
    };

    public string Explanation => Status switch
    {
        StatusCodes.Status404NotFound => "There is no call, leader, subject or page at this address.",
        StatusCodes.Status405MethodNotAllowed => "These pages only show what the API holds; write through the API.",
        _ => "The page could not be shown.",
    };
}
