using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// What a write key may do. A newsroom's ingest key needs <see cref="Readouts"/>, not the power to
/// rewrite the registry every readout is resolved against (OWASP API5, function level authorization).
/// </summary>
public static class ApiScopes
{
    /// <summary>Post, correct, delete and link readouts.</summary>
    public const string Readouts = "readouts";

    /// <summary>Leaders, sources, topics, their aliases and merges.</summary>
    public const string Registry = "registry";

    /// <summary>Subscribe to, list and delete webhooks (the key's own).</summary>
    public const string Webhooks = "webhooks";

    public const string ClaimType = "scope";

    public static readonly string[] All = [Readouts, Registry, Webhooks];

    /// <summary>The authorization policy of a scope, named as the scope.</summary>
    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var scope in All)
        {
            options.AddPolicy(scope, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ClaimType, scope));
        }
    }
}

/// <summary>A configured key, by its name and what it may do.</summary>
public sealed record ApiKey(string Name, IReadOnlyList<string> Scopes);

/// <summary>
/// The write keys from configuration. Each entry of <c>ApiKeys</c> is either a plain value
/// (<c>ApiKeys__0=secret</c>, named <c>key-0</c>) or a name and a key
/// (<c>ApiKeys__0__Name=newsroom</c>, <c>ApiKeys__0__Key=sha256:…</c>), with optional scopes
/// (<c>ApiKeys__0__Scopes__0=readouts</c>; none given means every scope). A key may be given as
/// itself or as <c>sha256:</c> and the hex SHA-256 of it, so deployments need not hold the secret.
/// Only hashes are kept in memory; the name, never the key, goes to logs and revision history.
/// </summary>
public sealed class ApiKeyRing
{
    private const string HashPrefix = "sha256:";

    private readonly List<(ApiKey Key, byte[] Hash)> keys = [];

    public ApiKeyRing(IConfiguration configuration)
    {
        foreach (var entry in configuration.GetSection("ApiKeys").GetChildren())
        {
            // An explicit Key wins over a plain value at the same index: ApiKeys__0__Key in the
            // environment replaces the ApiKeys[0] of an appsettings file, as overrides should.
            var (name, key) = !string.IsNullOrEmpty(entry["Key"]) ? (entry["Name"] ?? $"key-{entry.Key}", entry["Key"]) : ($"key-{entry.Key}", entry.Value);
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            if (name.Length is 0 or > 100 || name.Any(char.IsControl))
            {
                throw new InvalidOperationException($"Configuration {entry.Path}: a key's name must be 1 to 100 printable characters.");
            }

            var scopes = entry.GetSection("Scopes").GetChildren().Select(s => s.Value?.Trim()).Where(s => !string.IsNullOrEmpty(s)).ToList();
            if (scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s)) is { } unknown)
            {
                throw new InvalidOperationException($"Configuration {entry.Path}:Scopes: '{unknown}' is not a scope; the scopes are {string.Join(", ", ApiScopes.All)}.");
            }

            var hash = key.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase) ? ParseHash(entry.Path, key[HashPrefix.Length..]) : Hash(key);
            keys.Add((new ApiKey(name, scopes.Count == 0 ? ApiScopes.All : [.. scopes.Distinct()!]), hash));
        }
    }

    /// <summary>The key whose hash matches, or null.</summary>
    public ApiKey? Find(string presented)
    {
        var presentedHash = Hash(presented);
        ApiKey? match = null;
        foreach (var (key, hash) in keys)
        {
            // Fixed-length hashes compared in constant time, over every key, leak neither key nor length.
            if (CryptographicOperations.FixedTimeEquals(presentedHash, hash))
            {
                match ??= key;
            }
        }

        return match;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static byte[] ParseHash(string path, string hex)
    {
        try
        {
            var hash = Convert.FromHexString(hex);
            if (hash.Length == SHA256.HashSizeInBytes)
            {
                return hash;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException($"Configuration {path}: after 'sha256:' give the 64 hex digits of the key's SHA-256.");
    }
}

/// <summary>
/// Writes need a configured key in the <c>X-Api-Key</c> header; reads are public. No configured
/// key means no writes at all. The authenticated name is the key's name.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing keys,
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

        if (keys.Find(presented.ToString()) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), .. key.Scopes.Select(s => new Claim(ApiScopes.ClaimType, s))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
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

/// <summary>
/// A valid key outside its scopes gets a 403 problem naming the scope the operation needs, rather
/// than an empty 403; everything else is answered as ASP.NET Core answers it.
/// </summary>
internal sealed class ScopeProblemResultHandler(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var needed = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.ClaimsAuthorizationRequirement>()
            .Where(r => r.ClaimType == ApiScopes.ClaimType)
            .SelectMany(r => r.AllowedValues ?? [])
            .FirstOrDefault();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "This key may not do that.",
                Detail = needed is null
                    ? "The key's scopes do not allow this operation."
                    : $"This operation needs the scope '{needed}', which the key '{context.User.Identity?.Name}' does not have.",
                Extensions = { ["requiredScope"] = needed },
            },
        });
    }
}
