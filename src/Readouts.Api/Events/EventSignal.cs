using System.Threading.Channels;

namespace Readouts.Api.Events;

/// <summary>
/// Wakes this instance's <see cref="Webhooks.WebhookDispatcher"/> when a write commits here, so
/// that a webhook leaves within a moment rather than at the next poll. Other instances' writes are
/// found by polling (Webhooks:PollInterval).
/// </summary>
public sealed class EventSignal
{
    // One pending wake is enough: however many writes commit meanwhile, one pass takes them all.
    private readonly Channel<bool> written = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Written() => written.Writer.TryWrite(true);

    /// <summary>Returns when a write commits, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        try
        {
            await written.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Timed out: time to poll.
        }
    }
}
