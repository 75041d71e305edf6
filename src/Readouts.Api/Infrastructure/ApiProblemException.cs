namespace Readouts.Api.Infrastructure;

/// <summary>
/// A request the API understood but refuses, for a reason only the service layer can see (an
/// unknown leader, a taken slug). <see cref="ProblemExceptionHandler"/> turns it into problem+json.
/// </summary>
public sealed class ApiProblemException(int status, string title, string? detail = null, IDictionary<string, string[]>? errors = null)
    : Exception(detail ?? title)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>Per-field messages, keyed like model-state keys (<c>leaders[1]</c>).</summary>
    public IDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>Sent as Retry-After: when a refusal for being busy is worth trying again.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static ApiProblemException Unprocessable(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status422UnprocessableEntity, "The request refers to something that does not exist or cannot be used.", errors: errors);

    public static ApiProblemException Unprocessable(string field, string message) =>
        Unprocessable(new Dictionary<string, string[]> { [field] = [message] });

    public static ApiProblemException Conflict(string detail) =>
        new(StatusCodes.Status409Conflict, "Conflict", detail);
}
