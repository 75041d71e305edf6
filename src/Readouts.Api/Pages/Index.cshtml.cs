using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Sources;

namespace Readouts.Api.Pages;

/// <summary>The newest calls, and the search form: the filters of GET /api/calls, under the same names.</summary>
public sealed class IndexModel(CallActivity activity, SourceService sources, IValidator<CallQuery> validator) : PageModel
{
    public CallQuery Query { get; private set; } = new();

    public CallListing? Listing { get; private set; }

    public IReadOnlyList<SourceResponse> Sources { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Filtered { get; private set; }

    public async Task OnGetAsync(
        [FromQuery(Name = "leader")] string[]? leader, [FromQuery(Name = "from")] string? from, [FromQuery(Name = "to")] string? to,
        [FromQuery(Name = "topic")] string? topic, [FromQuery(Name = "source")] string? source, [FromQuery(Name = "q")] string? q,
        [FromQuery(Name = "cursor")] string? cursor, CancellationToken ct)
    {
        Sources = await sources.AllAsync(ct);

        // A form sends its empty fields too: an empty field is no filter.
        var errors = new List<string>();
        Query = new CallQuery
        {
            Leader = leader?.Where(l => !string.IsNullOrWhiteSpace(l)).ToArray() is { Length: > 0 } leaders ? leaders : null,
            From = DateOf(from, "from", errors),
            To = DateOf(to, "to", errors),
            Topic = NullIfBlank(topic),
            Source = NullIfBlank(source),
            Q = NullIfBlank(q),
            Cursor = NullIfBlank(cursor),
        };
        Filtered = Query.Leader is not null || Query.From is not null || Query.To is not null || Query.Topic is not null || Query.Source is not null || Query.Q is not null;
        errors.AddRange((await validator.ValidateAsync(Query, ct)).Errors.Select(e => e.ErrorMessage));
        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        try
        {
            Listing = await activity.ListAsync(Query, ct);
        }
        catch (ApiProblemException problem) when (problem.Status == StatusCodes.Status422UnprocessableEntity)
        {
            // An unknown leader or source: say so beside the form, as the API says it in its problem.
            Errors = problem.Errors?.Values.SelectMany(m => m).ToList() ?? [problem.Detail ?? problem.Title];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? DateOf(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add($"'{field}' must be a date, yyyy-MM-dd.");
        return null;
    }
}
