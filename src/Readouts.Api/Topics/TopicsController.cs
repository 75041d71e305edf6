using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Topics;

/// <summary>Topics readouts have mentioned.</summary>
[ApiController]
[Route("api/topics")]
public sealed class TopicsController(TopicService topics) : ControllerBase
{
    /// <summary>Topics by slug.</summary>
    [HttpGet]
    [ProducesResponseType<Page<TopicRef>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<Page<TopicRef>> List([FromQuery] PageQuery query, CancellationToken ct) => topics.ListAsync(query.Limit, query.Cursor, ct);
}
