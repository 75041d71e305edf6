using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// The 400 for a body or query that does not bind or validate. Fields are named as the client
/// wrote them (<c>callDate</c>, not <c>$.callDate</c>), and the JSON reader's messages, which
/// speak of .NET types, become ones a client can act on.
/// </summary>
internal static class InvalidRequestResponse
{
    public static IActionResult Create(ActionContext context)
    {
        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(context.HttpContext, context.ModelState);

        var errors = problem.Errors
            .GroupBy(e => FieldName(e.Key))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value.Select(m => Message(g.Key, m))).Distinct().ToArray());

        // When the body could not be read at all, MVC also reports the action's parameter as missing.
        if (errors.Count > 1)
        {
            errors.Remove("request");
        }

        problem.Errors = errors;
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    internal static string FieldName(string key) => key switch
    {
        "$" or "" => "requestBody",
        _ when key.StartsWith("$.", StringComparison.Ordinal) => key[2..],
        _ => key,
    };

    internal static string Message(string field, string message)
    {
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            var hint = message.Contains("DateOnly", StringComparison.Ordinal) ? " Dates are yyyy-MM-dd and must exist."
                : message.Contains("DateTimeOffset", StringComparison.Ordinal) ? " Times are ISO 8601 with an offset."
                : "";
            return $"'{field}' has a value of the wrong type or format.{hint}";
        }

        return message;
    }
}
