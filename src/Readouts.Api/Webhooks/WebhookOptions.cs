namespace Readouts.Api.Webhooks;

/// <summary>Configuration <c>Webhooks</c>: how deliveries are made, retried and guarded.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Lets subscriptions target loopback, private and link-local addresses (tests, a private network).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long a receiver has to answer one delivery, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each instance looks for deliveries due when nothing wakes it sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after the 1st, 2nd, … failure in a row; the last one repeats.</summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    /// <summary>A subscription failing for this long is disabled at its next failure.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Subscriptions one instance delivers to at once.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// 5 s, 30 s, 2, 10 and 30 min, then 1, 2, 4 and 8 hours: the first retry within a minute, and
    /// an attempt about every 8 hours after the first half-day, so that one fails past the 24 hours
    /// of <see cref="DisableAfter"/> only after eleven tries.
    /// </summary>
    public static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8),
    ];

    /// <summary>The wait after <paramref name="failures"/> failures in a row (1 or more).</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var schedule = RetrySchedule is { Length: > 0 } given ? given : DefaultRetrySchedule;
        return schedule[Math.Clamp(failures, 1, schedule.Length) - 1];
    }
}
