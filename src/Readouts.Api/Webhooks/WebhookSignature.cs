using System.Security.Cryptography;
using System.Text;

namespace Readouts.Api.Webhooks;

/// <summary>
/// Signatures as the Standard Webhooks specification has them, so that a receiver verifies them
/// with any of its libraries: HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c> with
/// the secret's bytes (base64 after <c>whsec_</c>), sent as <c>v1,</c> and the base64 of it.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>24 random bytes: the specification asks for between 24 and 64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static string Sign(string secret, string messageId, long timestamp, byte[] body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content, prefix.Length);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
