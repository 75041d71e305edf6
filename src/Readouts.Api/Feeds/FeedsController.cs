using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Feeds;

/// <summary>Feeds for feed readers.</summary>
[ApiController]
[Route("feeds")]
public sealed class FeedsController(CallFeed feed) : ControllerBase
{
    /// <summary>The newest calls as Atom 1.0, filtered as GET /api/calls is (leader, twice for a pair; topic; source; q); an entry's updated moves when a side joins or corrects its readout.</summary>
    /// <remarks>With an ETag: If-None-Match answers 304 while nothing changed. limit: entries, 1–100 (default 20).</remarks>
    [HttpGet("calls.atom", Name = "GetCallsFeed")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "application/atom+xml")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult> Calls([FromQuery] CallQuery query, CancellationToken ct)
    {
        var baseUrl = $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        var self = new Uri($"{baseUrl}{Request.Path}{Request.QueryString}");
        return this.WithContentETag(await feed.WriteAsync(query, self, baseUrl, ct), CallFeed.ContentType);
    }
}
