using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// The write keys from configuration. Each entry of <c>ApiKeys</c> is either a plain value
/// (<c>ApiKeys__0=secret</c>, named <c>key-0</c>) or a name and a key
/// (<c>ApiKeys__0__Name=newsroom</c>, <c>ApiKeys__0__Key=sha256:…</c>). A key may be given as
/// itself or as <c>sha256:</c> and the hex SHA-256 of it, so deployments need not hold the secret.
/// Only hashes are kept in memory; the name, never the key, goes to logs and revision history.
/// </summary>
public sealed class ApiKeyRing
{
    private const string HashPrefix = "sha256:";

    private readonly List<(string Name, byte[] Hash)> keys = [];

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

            keys.Add((name, key.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase) ? ParseHash(entry.Path, key[HashPrefix.Length..]) : Hash(key)));
        }
    }

    /// <summary>The name of the key whose hash matches, or null.</summary>
    public string? NameOf(string presented)
    {
        var presentedHash = Hash(presented);
        string? match = null;
        foreach (var (name, hash) in keys)
        {
            // Fixed-length hashes compared in constant time, over every key, leak neither key nor length.
            if (CryptographicOperations.FixedTimeEquals(presentedHash, hash))
            {
                match ??= name;
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

        if (keys.NameOf(presented.ToString()) is not { } name)
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName);
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
