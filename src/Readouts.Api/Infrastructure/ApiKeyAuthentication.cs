using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// Writes need a key from configuration (<c>ApiKeys__0</c>, <c>ApiKeys__1</c>, …) in the
/// <c>X-Api-Key</c> header; reads are public. No configured key means no writes at all.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IConfiguration configuration,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToString()));
        var configured = configuration.GetSection("ApiKeys").Get<string[]>() ?? [];
        for (var i = 0; i < configured.Length; i++)
        {
            // Comparing fixed-length hashes in constant time leaks neither the key nor its length.
            var configuredHash = SHA256.HashData(Encoding.UTF8.GetBytes(configured[i]));
            if (!string.IsNullOrEmpty(configured[i]) && CryptographicOperations.FixedTimeEquals(presentedHash, configuredHash))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"key-{i}")], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "A valid API key is required.",
                Detail = $"Send a write key in the {HeaderName} header.",
            },
        });
    }
}
