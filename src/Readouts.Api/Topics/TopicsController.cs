using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Topics;

/// <summary>The subjects readouts are about: countries, regions, organisations, themes, and labels of their own.</summary>
[ApiController]
[Route("api/topics")]
public sealed class TopicsController(TopicService topics) : ControllerBase
{
    /// <summary>Topics by slug; <c>q</c> searches names and aliases in any script, best match first.</summary>
    [HttpGet(Name = "ListTopics")]
    [ProducesResponseType<Page<TopicResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<Page<TopicResponse>> List([FromQuery] TopicQuery query, CancellationToken ct) => topics.ListAsync(query, ct);

    /// <summary>One topic, with its kind, Wikidata id and every name; 308 to the topic a merged slug now belongs to.</summary>
    [HttpGet("{slug}", Name = "GetTopic")]
    [ProducesResponseType<TopicResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status308PermanentRedirect)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<TopicResponse>> Get(string slug, CancellationToken ct) => await topics.GetAsync(slug, ct) switch
    {
        { Topic: { } topic } => topic,
        { MergedInto: { } merged } => new RedirectResult($"/api/topics/{merged}", permanent: true, preserveMethod: true),
        _ => NotFound(),
    };

    /// <summary>Adds a subject; the slug is derived from its English name.</summary>
    /// <remarks>409 when the slug, a name, the Wikidata id or the country already belongs to another topic. Takes an Idempotency-Key. Requires an X-Api-Key.</remarks>
    [HttpPost(Name = "CreateTopic")]
    [Authorize(ApiScopes.Registry)]
    [Consumes("application/json")]
    [ProducesResponseType<TopicResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> Create(CreateTopicRequest request, CancellationToken ct) =>
        this.Answer(await topics.CreateAsync(request, WriteContext.Of(HttpContext), ct));

    /// <summary>Adds a name: 201 when new, 200 when the topic already has it (its languages are added), 409 when another topic has it.</summary>
    /// <remarks>Readouts already stored in the alias's languages are searched for it again, in the background. Takes an Idempotency-Key. Requires an X-Api-Key.</remarks>
    [HttpPost("{slug}/aliases", Name = "AddTopicAlias")]
    [Authorize(ApiScopes.Registry)]
    [Consumes("application/json")]
    [ProducesResponseType<TopicResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<TopicResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status308PermanentRedirect)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> AddAlias(string slug, TopicAliasRequest request, CancellationToken ct) =>
        this.Answer(await topics.AddAliasAsync(slug, request, WriteContext.Of(HttpContext), ct));

    /// <summary>Merges topics that mean this one's subject into it: their names, readouts and calls become its; their slugs answer 308 to it.</summary>
    /// <remarks>422 when a topic would be merged into itself, or two countries into one; 404 for an unknown slug. Takes an Idempotency-Key. Requires an X-Api-Key.</remarks>
    [HttpPost("{slug}/merge", Name = "MergeTopics")]
    [Authorize(ApiScopes.Registry)]
    [Consumes("application/json")]
    [ProducesResponseType<TopicResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status308PermanentRedirect)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult> Merge(string slug, MergeTopicsRequest request, CancellationToken ct) =>
        this.Answer(await topics.MergeAsync(slug, request, WriteContext.Of(HttpContext), ct));
}
