using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// Every exception leaves the API as RFC 9457 problem details: refusals from the service layer with
/// their status, oversized or unreadable bodies with theirs, anything else as a bare 500 with no
/// stack trace (the trace goes to the log).
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            ApiProblemException { Errors: not null } e => new ValidationProblemDetails(e.Errors) { Status = e.Status, Title = e.Title, Detail = e.Detail },
            ApiProblemException e => new ProblemDetails { Status = e.Status, Title = e.Title, Detail = e.Detail },
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = e.Message, Detail = RequestLimits.DescribeStatus(e.StatusCode) },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                new ProblemDetails { Status = 499, Title = "The client closed the request." },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        };

        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
