using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Sources;
using Readouts.Api.Topics;

namespace Readouts.Api.Calls;

/// <summary>Reads calls: lists with filters, one call with its readouts, and their comparison.</summary>
public sealed class CallQueries(ReadoutsDbContext db, LeaderResolver leaders, SourceService sources, TopicService topics)
{
    public async Task<Page<CallSummary>> ListAsync(CallQuery query, CancellationToken ct) =>
        await ListAsync(query, await ResolveLeaderFilterAsync(query, ct), ct);

    /// <summary>The calls of one leader, or null when there is no leader with that slug.</summary>
    public async Task<Page<CallSummary>?> ListForLeaderAsync(string slug, CallQuery query, CancellationToken ct)
    {
        var leaderId = await db.Leaders.Where(l => l.Slug == slug).Select(l => (int?)l.Id).SingleOrDefaultAsync(ct);
        return leaderId is null ? null : await ListAsync(query, [leaderId.Value, .. await ResolveLeaderFilterAsync(query, ct)], ct);
    }

    private async Task<List<int>> ResolveLeaderFilterAsync(CallQuery query, CancellationToken ct)
    {
        if (query.Leader is not { Length: > 0 } references)
        {
            return [];
        }

        var fields = references.Select((text, i) => new LeaderResolver.Reference(references.Length == 1 ? "leader" : $"leader[{i}]", text)).ToList();
        return (await leaders.ResolveAsync(fields, ct)).Values.Select(l => l.Id).ToList();
    }

    private async Task<Page<CallSummary>> ListAsync(CallQuery query, IReadOnlyCollection<int> leaderIds, CancellationToken ct)
    {
        var limit = query.Limit ?? Paging.DefaultLimit;
        var calls = db.Calls.AsNoTracking();
        foreach (var leaderId in leaderIds.Distinct())
        {
            calls = calls.Where(c => c.Leaders.Any(l => l.LeaderId == leaderId));
        }

        if (query.From is { } from)
        {
            calls = calls.Where(c => c.Date >= from);
        }

        if (query.To is { } to)
        {
            calls = calls.Where(c => c.Date <= to);
        }

        if (query.Source is not null)
        {
            var sourceId = await sources.FindIdAsync("source", query.Source, ct);
            calls = calls.Where(c => c.Readouts.Any(r => r.SourceId == sourceId));
        }

        if (query.Topic is not null)
        {
            // A topic nobody has used yet is not an error: no call mentions it.
            if (await topics.FindAsync(query.Topic, ct) is not { } topicId)
            {
                return new Page<CallSummary>([], null);
            }

            calls = calls.Where(c => c.Readouts.Any(r => r.Topics.Any(t => t.TopicId == topicId)));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var tsQuery = await ParseSearchAsync(query.Q, ct);
            calls = calls.Where(c => c.Readouts.Any(r => r.SearchVector!.Matches(tsQuery)));
        }

        if (Cursor.TryDecode(query.Cursor, out var afterDate, out var afterId))
        {
            // Written out because EF cannot translate a row-value comparison (date, id) < (x, y).
            calls = calls.Where(c => c.Date < afterDate || (c.Date == afterDate && c.Id < afterId));
        }

        var page = await calls
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.Id)
            .Take(limit + 1)
            .Select(c => new { c.Id, c.Date })
            .ToListAsync(ct);

        var summaries = await SummarizeAsync(page.Select(c => (c.Id, c.Date)).ToList(), ct);
        return Cursor.ToPage(summaries, limit, c => Cursor.Encode(c.Date, c.Id));
    }

    public async Task<CallDetails?> GetAsync(long id, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, c.Date }).SingleOrDefaultAsync(ct);
        if (call is null)
        {
            return null;
        }

        var readouts = await db.Readouts.AsNoTracking()
            .Where(r => r.CallId == id)
            .OrderBy(r => r.PublishedAt == null).ThenBy(r => r.PublishedAt).ThenBy(r => r.Id)
            .Select(ReadoutResponse.Projection)
            .ToListAsync(ct);
        var callLeaders = readouts.Count > 0 ? readouts[0].Leaders : await LeadersOfAsync(id, ct);
        var callTopics = readouts.SelectMany(r => r.Topics).Distinct().OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new CallDetails(call.Id, call.Date, callLeaders, callTopics, readouts);
    }

    public async Task<CallComparison?> CompareAsync(long id, CancellationToken ct) =>
        await GetAsync(id, ct) is { } call ? CallComparison.Of(call) : null;

    /// <summary>
    /// Leaders, topics and sources for a page of calls: three flat queries keyed by the page's ids,
    /// rather than one query per call or a join that multiplies rows.
    /// </summary>
    private async Task<List<CallSummary>> SummarizeAsync(List<(long Id, DateOnly Date)> page, CancellationToken ct)
    {
        var ids = page.Select(c => c.Id).ToList();
        var callLeaders = await db.CallLeaders.AsNoTracking()
            .Where(cl => ids.Contains(cl.CallId))
            .Select(cl => new { cl.CallId, cl.Leader.Slug, cl.Leader.Name, cl.Leader.Country })
            .ToListAsync(ct);
        var callTopics = await (
            from r in db.Readouts
            where ids.Contains(r.CallId!.Value)
            from t in r.Topics
            select new { CallId = r.CallId!.Value, t.Topic.Slug, t.Topic.Name })
            .Distinct()
            .ToListAsync(ct);
        var callSources = await db.Readouts.AsNoTracking()
            .Where(r => ids.Contains(r.CallId!.Value))
            .Select(r => new { CallId = r.CallId!.Value, r.Source.Slug })
            .Distinct()
            .ToListAsync(ct);

        return page.Select(c => new CallSummary(
            c.Id,
            c.Date,
            callLeaders.Where(l => l.CallId == c.Id).OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new LeaderRef(l.Slug, l.Name, l.Country)).ToList(),
            callTopics.Where(t => t.CallId == c.Id).OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new TopicRef(t.Slug, t.Name)).ToList(),
            callSources.Where(s => s.CallId == c.Id).Select(s => s.Slug).Order(StringComparer.Ordinal).ToList())).ToList();
    }

    private Task<List<LeaderRef>> LeadersOfAsync(long callId, CancellationToken ct) =>
        db.CallLeaders.AsNoTracking()
            .Where(cl => cl.CallId == callId)
            .OrderBy(cl => cl.Leader.Name)
            .Select(cl => new LeaderRef(cl.Leader.Slug, cl.Leader.Name, cl.Leader.Country))
            .ToListAsync(ct);

    /// <summary>
    /// One query that matches readouts in any language: the user's words parsed and stemmed by every
    /// configuration, OR-ed. Each readout is indexed with its own language's configuration, so the
    /// stemming that fits it is among the alternatives, and the GIN index serves the whole query.
    /// </summary>
    private async Task<NpgsqlTsQuery> ParseSearchAsync(string q, CancellationToken ct)
    {
        var alternatives = string.Join(" || ", SearchLanguages.Configurations.Select(c => $"websearch_to_tsquery('{c}', @q)"));
#pragma warning disable EF1002 // The interpolated names are this class's own constants; the user's text is the parameter @q.
        return await db.Database
            .SqlQueryRaw<NpgsqlTsQuery>($"SELECT {alternatives} AS \"Value\"", new NpgsqlParameter("q", q))
            .SingleAsync(ct);
#pragma warning restore EF1002
    }
}
