using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;
using Readouts.Api.Sources;
using Readouts.Api.Topics;

namespace Readouts.Api.Readouts;

/// <summary>Stores readouts and reads them back.</summary>
public sealed class ReadoutService(ReadoutsDbContext db, LeaderResolver leaders, SourceService sources, TopicService topics, CallLinker linker)
{
    /// <summary>
    /// Stores a posted readout and links it to its call. A resend of the same source and URL with the
    /// same content returns the stored readout (<c>Created</c> false); with other content it is a 409.
    /// </summary>
    public async Task<(ReadoutResponse Readout, bool Created)> CreateAsync(CreateReadoutRequest request, CancellationToken ct)
    {
        var resolved = await ResolveAsync(request, ct);

        var existing = await FindExistingAsync(resolved.Readout.SourceId, resolved.Readout.Url, resolved.Readout.ContentHash, ct);
        if (existing is not null)
        {
            return (existing, false);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var readout = resolved.Readout;
            readout.Topics = (await topics.EnsureAsync(resolved.TopicNames, ct)).Select(id => new ReadoutTopic { TopicId = id }).ToList();
            await linker.LinkAsync(readout, resolved.LeaderIds, ct);
            db.Readouts.Add(readout);
            await db.SaveChangesAsync(ct);
            await IndexForSearchAsync(readout.Id, ct);
            await transaction.CommitAsync(ct);
            return ((await GetAsync(readout.Id, ct))!, true);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ProgramLimitExceeded)
        {
            // PostgreSQL caps a tsvector at 1 MB; only pathological texts (many distinct words) reach it.
            throw ApiProblemException.Unprocessable("body", $"The readout's text is too large to index for search: {e.MessageText}");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_readouts_source_id_url" })
        {
            // A concurrent post of the same source and URL won the race: answer as for a resend.
            db.ChangeTracker.Clear();
            return (await FindExistingAsync(resolved.Readout.SourceId, resolved.Readout.Url, resolved.Readout.ContentHash, ct)
                ?? throw new InvalidOperationException("The readout that took this source and URL has vanished."), false);
        }
    }

    public Task<ReadoutResponse?> GetAsync(long id, CancellationToken ct) =>
        db.Readouts.AsNoTracking().Where(r => r.Id == id).Select(ReadoutResponse.Projection).SingleOrDefaultAsync(ct);

    public async Task<Page<ReadoutSummary>> ListAsync(ReadoutQuery query, CancellationToken ct)
    {
        var limit = query.Limit ?? Paging.DefaultLimit;
        var readouts = db.Readouts.AsNoTracking();
        if (query.Source is not null)
        {
            var sourceId = await sources.FindIdAsync("source", query.Source, ct);
            readouts = readouts.Where(r => r.SourceId == sourceId);
        }

        if (query.Leader is not null)
        {
            var leaderId = (await leaders.ResolveAsync("leader", query.Leader, ct)).Id;
            readouts = readouts.Where(r => r.Call.Leaders.Any(l => l.LeaderId == leaderId));
        }

        if (query.From is { } from)
        {
            readouts = readouts.Where(r => r.CallDate >= from);
        }

        if (query.To is { } to)
        {
            readouts = readouts.Where(r => r.CallDate <= to);
        }

        if (Cursor.TryDecode(query.Cursor, out var afterDate, out var afterId))
        {
            readouts = readouts.Where(r => r.CallDate < afterDate || (r.CallDate == afterDate && r.Id < afterId));
        }

        var rows = await readouts
            .OrderByDescending(r => r.CallDate).ThenByDescending(r => r.Id)
            .Take(limit + 1)
            .Select(r => new ReadoutSummary(r.Id, r.CallId, r.Source.Slug, r.Language, r.CallDate, r.PublishedAt, r.Title, r.Url))
            .ToListAsync(ct);
        return Cursor.ToPage(rows, limit, r => Cursor.Encode(r.CallDate, r.Id));
    }

    private sealed record Resolved(Readout Readout, IReadOnlyCollection<int> LeaderIds, IReadOnlyList<string> TopicNames);

    /// <summary>
    /// Resolves the source, the leaders and the speakers, reporting every unknown reference at
    /// once, and builds the readout (not yet linked or saved).
    /// </summary>
    private async Task<Resolved> ResolveAsync(CreateReadoutRequest request, CancellationToken ct)
    {
        var leaderReferences = request.Leaders!.Select((text, i) => new LeaderResolver.Reference($"leaders[{i}]", text!)).ToList();
        var statements = request.Statements ?? [];
        var speakerReferences = statements
            .Select((s, i) => new LeaderResolver.Reference($"statements[{i}].speaker", s!.Speaker!))
            .Where(r => !string.IsNullOrWhiteSpace(r.Text))
            .ToList();

        var sourceId = await sources.FindIdAsync("source", request.Source!, ct);
        var byField = await leaders.ResolveAsync([.. leaderReferences, .. speakerReferences], ct);

        var leaderIds = leaderReferences.Select(r => byField[r.Field].Id).Distinct().ToList();
        if (leaderIds.Count < 2)
        {
            throw ApiProblemException.Unprocessable("leaders", "The leaders name fewer than two different people.");
        }

        var errors = speakerReferences
            .Where(r => !leaderIds.Contains(byField[r.Field].Id))
            .ToDictionary(r => r.Field, r => new[] { $"'{r.Text}' ({byField[r.Field].Slug}) is not one of this readout's leaders." });
        if (errors.Count > 0)
        {
            throw ApiProblemException.Unprocessable(errors);
        }

        var language = SearchLanguages.Normalize(request.Language!);
        var topicNames = (request.Topics ?? []).Select(t => t!.Trim()).ToList();
        var readout = new Readout
        {
            SourceId = sourceId,
            Language = language,
            SearchConfig = SearchLanguages.ConfigurationFor(language),
            CallDate = request.CallDate!.Value,
            // timestamptz keeps the instant, not the offset: stored and returned in UTC.
            PublishedAt = request.PublishedAt?.ToUniversalTime(),
            Title = request.Title!.Trim(),
            Url = request.Url!,
            Body = request.Body!,
            ContentHash = "",
            Statements = statements.Select((s, i) => new Statement
            {
                Position = i,
                SpeakerId = string.IsNullOrWhiteSpace(s!.Speaker) ? null : byField[$"statements[{i}].speaker"].Id,
                Text = s.Text!,
            }).ToList(),
        };
        readout.ContentHash = HashContent(readout, leaderIds, topicNames);
        return new Resolved(readout, leaderIds, topicNames);
    }

    /// <summary>
    /// A fingerprint of what the readout says once references are resolved, so that a resend that
    /// spells a leader differently ("Erdogan" for "recep-tayyip-erdogan") still counts as identical.
    /// </summary>
    private static string HashContent(Readout readout, IEnumerable<int> leaderIds, IEnumerable<string> topicNames)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            readout.Language,
            readout.CallDate,
            PublishedAt = readout.PublishedAt?.UtcDateTime,
            readout.Title,
            readout.Body,
            Leaders = leaderIds.Order(),
            Topics = topicNames.Select(NameKey.Slug).Distinct().Order(StringComparer.Ordinal),
            Statements = readout.Statements.Select(s => new { s.SpeakerId, s.Text }),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private async Task<ReadoutResponse?> FindExistingAsync(int sourceId, string url, string contentHash, CancellationToken ct)
    {
        var existing = await db.Readouts.AsNoTracking()
            .Where(r => r.SourceId == sourceId && r.Url == url)
            .Select(r => new { r.Id, r.ContentHash })
            .SingleOrDefaultAsync(ct);
        if (existing is null)
        {
            return null;
        }

        if (existing.ContentHash != contentHash)
        {
            throw ApiProblemException.Conflict(
                $"Readout {existing.Id} already has this source and URL with different content. To correct it, replace that readout instead of posting again.");
        }

        return await GetAsync(existing.Id, ct);
    }

    /// <summary>
    /// Title (weighted highest), body and statements, stemmed in the readout's own language. Done
    /// in SQL because statements live in their own table, and after they are saved.
    /// </summary>
    private Task<int> IndexForSearchAsync(long readoutId, CancellationToken ct) => db.Database.ExecuteSqlAsync($"""
        UPDATE readouts r SET search_vector =
            setweight(to_tsvector(r.search_config::regconfig, r.title), 'A')
            || to_tsvector(r.search_config::regconfig, r.body)
            || to_tsvector(r.search_config::regconfig, coalesce((SELECT string_agg(s.text, ' ' ORDER BY s.position) FROM statements s WHERE s.readout_id = r.id), ''))
        WHERE r.id = {readoutId}
        """, ct);
}
