using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Readouts.Api.Webhooks;

namespace Readouts.Api.Tests.Webhooks;

/// <summary>The rules of where webhooks go, how they are signed and when they are retried, without a database.</summary>
public sealed class WebhookRulesTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("93.184.215.14", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.8.9.10", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.128.0.1", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("fc00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::7f00:1", false)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("2001:db8::1", false)]
    public void Only_public_addresses_are_targets(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task Connecting_to_a_private_address_fails_before_any_byte_is_sent_unless_private_targets_are_allowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var refused = await Assert.ThrowsAsync<HttpRequestException>(async () => await WebhookTargets.ConnectAsync(new DnsEndPoint("127.0.0.1", port), allowPrivate: false, CancellationToken.None));
        Assert.Contains("not a public address", refused.Message);
        Assert.False(listener.Pending(), "A connection reached the private address although it was refused.");

        await using var allowed = await WebhookTargets.ConnectAsync(new DnsEndPoint("127.0.0.1", port), allowPrivate: true, CancellationToken.None);
        using var accepted = await listener.AcceptTcpClientAsync();
        Assert.True(accepted.Connected);
    }

    [Fact]
    public void A_signature_is_the_standard_webhooks_hmac_of_id_timestamp_and_body()
    {
        var key = RandomNumberGenerator.GetBytes(24);
        var secret = "whsec_" + Convert.ToBase64String(key);
        var body = Encoding.UTF8.GetBytes("{\"type\":\"call.source-added\",\"data\":{\"source\":\"kremlin\",\"title\":\"Телефонный разговор\"}}");

        var signature = WebhookSignature.Sign(secret, "evt_42", 1_764_000_000, body);

        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes("evt_42.1764000000."), .. body]));
        Assert.Equal($"v1,{expected}", signature);
        Assert.StartsWith("whsec_", WebhookSignature.NewSecret());
        Assert.NotEqual(WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
    }

    [Fact]
    public void Retries_back_off_from_seconds_to_hours_and_the_first_comes_within_a_minute()
    {
        var options = new WebhookOptions();
        var delays = Enumerable.Range(1, 12).Select(options.DelayAfter).ToList();

        Assert.True(delays[0] < TimeSpan.FromMinutes(1));
        Assert.True(delays.Zip(delays.Skip(1)).All(p => p.First <= p.Second), "The back-off shrank: " + string.Join(", ", delays));
        Assert.Equal(TimeSpan.FromHours(8), delays[^1]);
        // Failing from the first attempt, the attempts go on past DisableAfter before one can disable it.
        var elapsed = TimeSpan.Zero;
        var attempts = 1;
        while (elapsed < options.DisableAfter)
        {
            elapsed += options.DelayAfter(attempts++);
        }

        Assert.InRange(attempts, 8, 20);
    }

    [Theory]
    [InlineData("https://newsroom.example/hooks", null)]
    [InlineData("http://newsroom.example:8080/hooks?x=1", null)]
    [InlineData("ftp://newsroom.example/hooks", "Give an absolute http or https URL.")]
    [InlineData("newsroom.example/hooks", "Give an absolute http or https URL.")]
    [InlineData("https://me:pw@newsroom.example/hooks", "Leave credentials out of the URL: requests are signed (webhook-signature), verify that instead.")]
    public void A_target_is_an_absolute_http_url_without_credentials(string url, string? problem) =>
        Assert.Equal(problem, WebhookTargets.ProblemWith(url));
}
