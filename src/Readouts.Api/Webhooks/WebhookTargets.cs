using System.Net;
using System.Net.Sockets;

namespace Readouts.Api.Webhooks;

/// <summary>
/// Where webhooks may be sent. The URL is the caller's choice, so without
/// <c>Webhooks:AllowPrivateTargets</c> nothing is sent to the API's own machine, its network or
/// its cloud's metadata service (server-side request forgery, OWASP API7). The address is checked
/// when connecting, on every delivery: a name that resolved to a public address when subscribing
/// may resolve to 127.0.0.1 later.
/// </summary>
public static class WebhookTargets
{
    /// <summary>What is wrong with a subscription's URL as a URL, or null.</summary>
    public static string? ProblemWith(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return "Give an absolute http or https URL.";
        }

        return uri.UserInfo.Length > 0 ? "Leave credentials out of the URL: requests are signed (webhook-signature), verify that instead." : null;
    }

    /// <summary>Whether an address is on the public internet: not loopback, private, link-local, shared, reserved, documentation or multicast.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast and reserved
                || (b[0] == 100 && b[1] is >= 64 and < 128) // shared address space (carrier NAT; Alibaba's metadata)
                || (b[0] == 169 && b[1] == 254) // link-local, where cloud metadata services answer
                || (b[0] == 172 && b[1] is >= 16 and < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) // IETF protocol assignments, documentation
                || (b[0] == 198 && b[1] is 18 or 19) // benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var v6 = address.GetAddressBytes();
        if (v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b)
        {
            // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes.
            return IsPublic(new IPAddress(v6[12..]));
        }

        return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (v6[0] & 0xfe) == 0xfc // unique local (fc00::/7), where AWS's IPv6 metadata address is
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8) // documentation
            || v6.Take(10).All(x => x == 0)); // unspecified, and IPv4-compatible forms
    }

    /// <summary>
    /// Connects to the first allowed address the host resolves to, or fails saying which
    /// addresses were refused. Used as the sender's ConnectCallback, so no redirect, proxy or
    /// second resolution gets around it.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken ct)
    {
        var addresses = await AddressesOfAsync(endpoint.Host, ct);
        var allowed = allowPrivate ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{endpoint.Host} is {string.Join(", ", addresses.Select(a => a.ToString()))}: not a public address, so it is not called (see Webhooks__AllowPrivateTargets).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>When subscribing: the addresses refused for a host, if it is one (an address, localhost, or a name that resolves to one).</summary>
    public static async Task<string?> RefusedAsync(Uri uri, CancellationToken ct)
    {
        var host = uri.IdnHost.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return $"{host} is this machine.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await AddressesOfAsync(host, ct);
        }
        catch (SocketException)
        {
            // Not resolvable now, perhaps later: every delivery is checked again when connecting.
            return null;
        }

        var refused = addresses.Where(a => !IsPublic(a)).ToList();
        return refused.Count == 0 ? null : $"{host} is {string.Join(", ", refused)}, not a public address.";
    }

    private static async Task<IPAddress[]> AddressesOfAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
}
