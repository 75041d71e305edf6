using Microsoft.EntityFrameworkCore;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Calls;

/// <summary>
/// Decides which call a new readout tells, so that both sides' accounts of one conversation end
/// up side by side. The rules:
/// <list type="number">
/// <item>A readout joins a call with exactly the same set of leaders;</item>
/// <item>whose date is at most one day from the readout's (each source dates the call in its own time zone);</item>
/// <item>and that has no readout yet from the same source in the same language (a source's second
/// language version joins; a second readout in the same language is a different call).</item>
/// <item>Among several such calls: the same date first, then the nearest date, then the oldest call.</item>
/// <item>Otherwise the readout starts a new call. A call's date is the earliest its readouts give.</item>
/// </list>
/// </summary>
public sealed class CallLinker(ReadoutsDbContext db)
{
    /// <summary>What linking needs to know about the readout being posted.</summary>
    public sealed record NewReadout(string LeaderKey, DateOnly CallDate, int SourceId, string Language);

    /// <summary>An existing call that might be the one the readout tells.</summary>
    public sealed record Candidate(long Id, string LeaderKey, DateOnly Date, DateTimeOffset CreatedAt, IReadOnlyCollection<SourceLanguage> Versions);

    /// <summary>A readout the candidate already has: who published it, in which language.</summary>
    public sealed record SourceLanguage(int SourceId, string Language);

    public static bool HasSameLeaders(NewReadout readout, Candidate call) => call.LeaderKey == readout.LeaderKey;

    public static bool IsWithinADay(NewReadout readout, Candidate call) => DaysApart(readout, call) <= 1;

    public static bool LacksThisSourceAndLanguage(NewReadout readout, Candidate call) =>
        !call.Versions.Contains(new SourceLanguage(readout.SourceId, readout.Language));

    /// <summary>The call the readout joins, or null when it starts a new one.</summary>
    public static Candidate? Choose(NewReadout readout, IEnumerable<Candidate> calls) => calls
        .Where(call => HasSameLeaders(readout, call) && IsWithinADay(readout, call) && LacksThisSourceAndLanguage(readout, call))
        .OrderBy(call => DaysApart(readout, call))
        .ThenBy(call => call.CreatedAt)
        .ThenBy(call => call.Id)
        .FirstOrDefault();

    private static int DaysApart(NewReadout readout, Candidate call) => Math.Abs(call.Date.DayNumber - readout.CallDate.DayNumber);

    /// <summary>
    /// Attaches <paramref name="readout"/> to the call it tells, creating the call if there is none.
    /// Must run inside a transaction: the advisory lock taken here makes concurrent posts about the
    /// same leaders link one after the other, so two sides posted at once end in one call, across
    /// any number of API instances. A readout being re-linked is not counted in its own call.
    /// </summary>
    public async Task LinkAsync(Readout readout, IReadOnlyCollection<int> leaderIds, CancellationToken ct)
    {
        var key = Call.KeyFor(leaderIds);
        await LockAsync([key], ct);

        var from = readout.CallDate.AddDays(-1);
        var to = readout.CallDate.AddDays(1);
        var candidates = await db.Calls.AsNoTracking()
            .Where(c => c.LeaderKey == key && c.Date >= from && c.Date <= to)
            .Select(c => new Candidate(c.Id, c.LeaderKey, c.Date, c.CreatedAt,
                c.Readouts.Where(r => r.Id != readout.Id).Select(r => new SourceLanguage(r.SourceId, r.Language)).ToList()))
            .ToListAsync(ct);

        var chosen = Choose(new NewReadout(key, readout.CallDate, readout.SourceId, readout.Language), candidates);
        if (chosen is null)
        {
            readout.Call = NewCall(readout.CallDate, key, leaderIds);
            return;
        }

        readout.CallId = chosen.Id;
        if (readout.CallDate < chosen.Date)
        {
            await db.Calls.Where(c => c.Id == chosen.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Date, readout.CallDate), ct);
        }
    }

    /// <summary>
    /// Serialises linking for these leader sets until the transaction ends. Several keys are taken
    /// in one order, so two moves between the same calls in opposite directions cannot deadlock.
    /// </summary>
    public async Task LockAsync(IEnumerable<string> leaderKeys, CancellationToken ct)
    {
        foreach (var key in leaderKeys.Distinct().Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
        }
    }

    public Task<string> LeaderKeyOfAsync(long callId, CancellationToken ct) =>
        db.Calls.Where(c => c.Id == callId).Select(c => c.LeaderKey).SingleAsync(ct);

    public static Call NewCall(DateOnly date, string leaderKey, IEnumerable<int> leaderIds) => new()
    {
        Date = date,
        LeaderKey = leaderKey,
        Leaders = leaderIds.Distinct().Select(id => new CallLeader { LeaderId = id }).ToList(),
    };

    /// <summary>
    /// After a readout left or moved within a call: a call with no readouts left is removed,
    /// otherwise its date becomes again the earliest its readouts give.
    /// </summary>
    public async Task TidyAsync(long callId, CancellationToken ct)
    {
        if (await db.Calls.Where(c => c.Id == callId && !c.Readouts.Any()).ExecuteDeleteAsync(ct) == 0)
        {
            await db.Calls.Where(c => c.Id == callId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Date, c => c.Readouts.Min(r => r.CallDate)), ct);
        }
    }
}
