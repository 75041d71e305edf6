using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;
using Readouts.Api.Sources;
using Readouts.Api.Topics;

namespace Readouts.Api.Readouts;

/// <summary>
/// Stores readouts, corrects, moves and deletes them with their history, and reads them back.
/// Every write is one <see cref="UnitOfWork"/>: resolve, link, save and record, retried as a whole.
/// </summary>
public sealed class ReadoutService(
    ReadoutsDbContext db,
    UnitOfWork unitOfWork,
    ReadoutImporter importer,
    ReadoutGroupCommit groupCommit,
    ReadoutResolver resolver,
    ReadoutReader reader,
    LeaderResolver leaders,
    SourceService sources,
    TopicService topics,
    SubjectTagger tagger,
    Subjects subjects,
    CallLinker linker,
    TimeProvider clock)
{
    /// <summary>
    /// Stores a posted readout, which its validator has passed (MVC runs it on the body), and
    /// links it to its call: 201. A resend of the same source and URL with the same content
    /// answers 200 with the stored readout; with other content, 409. Posts that arrive at the
    /// same moment are written together (<see cref="ReadoutGroupCommit"/>).
    /// </summary>
    public Task<WriteOutcome> CreateAsync(ReadoutRequest request, WriteContext writer, CancellationToken ct) =>
        groupCommit.PostAsync(request, writer, ct);

    /// <summary>
    /// Stores posted readouts that came in separate requests, validated, in one transaction, each
    /// answered as <see cref="CreateAsync"/> answers it: linked by the same rules, in order, so
    /// that two sides posted at once end up in one call. All must come from the same API key.
    /// </summary>
    public Task<IReadOnlyList<WriteResult>> CreateTogetherAsync(IReadOnlyList<(ReadoutRequest Request, WriteContext Writer)> posts, CancellationToken ct)
    {
        var writer = posts[0].Writer;
        if (posts.Any(p => p.Writer.KeyName != writer.KeyName))
        {
            throw new ArgumentException("Readouts stored together must come from one API key: each is stamped with its name.", nameof(posts));
        }

        return RetryingRacesAsync(() => unitOfWork.RunTogetherAsync(posts.Select(p => new UnitOfWork.Write(p.Writer, p.Request)).ToList(), async (indexes, attemptCt) =>
        {
            var imported = await importer.ImportAsync(indexes.Select(i => new PostedReadout(posts[i].Request, Validated: true)).ToList(), writer, attemptCt);
            // Resends are read as stored; what was just inserted needs no reading.
            var stored = await reader.ByIdsAsync(imported.Where(r => r is { Id: not null, Inserted: null }).Select(r => r.Id!.Value).ToList(), attemptCt);
            foreach (var (id, readout) in await reader.OfInsertedAsync(imported.Select(r => r.Inserted).OfType<ResolvedReadout>().Select(r => (r.Readout, r.LeaderIds)).ToList(), attemptCt))
            {
                stored[id] = readout;
            }

            var results = new List<WriteResult>(imported.Count);
            foreach (var item in imported)
            {
                results.Add(item.Problem is { } problem ? new WriteResult(null, problem) : new WriteResult(
                    Answer(item.Status, stored[item.Id!.Value], item.Status == StatusCodes.Status201Created ? $"/api/readouts/{item.Id}" : null), null));
            }

            return (IReadOnlyList<WriteResult>)results;
        }, ct));
    }

    /// <summary>
    /// Stores up to <see cref="ReadoutBatch.MaxItems"/> posted readouts as <see cref="CreateAsync"/>
    /// does each, in one transaction: 200 with each one's status, id and call, or its problem. A bad
    /// readout does not keep the others from being stored.
    /// </summary>
    public Task<WriteOutcome> ImportAsync(ReadoutBatch batch, WriteContext writer, CancellationToken ct) =>
        RetryingRacesAsync(() => unitOfWork.RunAsync(writer, batch.Fingerprint, async attemptCt =>
            WriteOutcome.Of(StatusCodes.Status200OK, BatchResponse.Of(await importer.ImportAsync(batch.Items, writer, attemptCt))), ct));

    /// <summary>
    /// A concurrent post of the same source and URL (about other leaders, so not serialised by the
    /// linking lock) won the race: running again finds it and answers as for a resend. Or a topic
    /// was merged away, on any instance, since this one's subject index was built: running again
    /// with a new index names the topic it was merged into.
    /// </summary>
    private async Task<T> RetryingRacesAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception e) when (e.GetBaseException() is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: NaturalKey })
        {
            return await write();
        }
        catch (Exception e) when (e.GetBaseException() is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation, ConstraintName: TopicKey })
        {
            subjects.Invalidate();
            return await write();
        }
    }

    private const string NaturalKey = "ix_readouts_source_id_url";

    private const string TopicKey = "fk_readout_topics_topics_topic_id";

    /// <summary>
    /// Replaces a readout's content with a source's correction: 200 with the new version. The
    /// version replaced goes to the history. Changed leaders or date re-link it by the linking rules.
    /// </summary>
    public Task<WriteOutcome> UpdateAsync(long id, IReadOnlyList<string> ifMatch, ReadoutRequest request, WriteContext writer, CancellationToken ct) =>
        RetryingRacesAsync(() => unitOfWork.RunAsync(writer, request, async ct =>
        {
            var readout = await LoadForChangeAsync(id, ifMatch, ct);
            var resolved = await resolver.ResolveAsync(request, ct);
            var content = resolved.Readout;
            if (content.SourceId != readout.SourceId)
            {
                throw ApiProblemException.Unprocessable("source", "A readout's source cannot change. Delete it and post the readout under its source.");
            }

            if (content.ContentHash == readout.ContentHash && content.Url == readout.Url)
            {
                // Nothing to correct: a resent PUT leaves the version, and the ETag, as they were.
                return await CurrentAsync(id, ct);
            }

            var oldCallId = readout.CallId!.Value;
            var oldKey = await linker.LeaderKeyOfAsync(oldCallId, ct);
            var newKey = Call.KeyFor(resolved.LeaderIds);
            var relink = newKey != oldKey || content.CallDate != readout.CallDate;
            // Before the linking lock, as a post ensures them: waiting on another transaction's new
            // topic while holding the lock that transaction waits for would be a deadlock.
            var tagged = (await tagger.TagAsync(db, [resolved.ForTagging()], ct))[0];
            var newLabels = await topics.EnsureOthersAsync(tagged.NewLabels, ct);
            await linker.LockAsync([oldKey, newKey], ct);
            await ArchiveAsync(readout, ct);

            readout.Language = content.Language;
            readout.SearchConfig = content.SearchConfig;
            readout.CallDate = content.CallDate;
            readout.PublishedAt = content.PublishedAt;
            readout.Title = content.Title;
            readout.Url = content.Url;
            readout.Body = content.Body;
            readout.ContentHash = content.ContentHash;
            await db.ReadoutTopics.Where(t => t.ReadoutId == id).ExecuteDeleteAsync(ct);
            await db.Statements.Where(s => s.ReadoutId == id).ExecuteDeleteAsync(ct);
            db.ReadoutTopics.AddRange(tagged.Rows(id, newLabels));
            db.Statements.AddRange(content.Statements.Select(s => new Statement { ReadoutId = id, Position = s.Position, SpeakerId = s.SpeakerId, Text = s.Text }));
            if (relink)
            {
                await linker.LinkAsync([(readout, resolved.LeaderIds)], ct);
            }

            readout.SubjectsStale = false;
            Stamp(readout, ReadoutChange.Corrected, writer);
            await SaveAsync(ct);
            try
            {
                // Stems the corrected text again, with its calls' other readouts.
                await linker.TidyAsync([oldCallId, readout.CallId!.Value], ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ProgramLimitExceeded)
            {
                // PostgreSQL caps a tsvector at 1 MB; only pathological texts (many distinct words) reach it.
                throw ApiProblemException.Unprocessable("body", $"The readout's text is too large to index for search: {e.MessageText}");
            }

            return await CurrentAsync(id, ct);
        }, ct));

    /// <summary>
    /// Deletes a readout: 204. It leaves its call (a call left with no readouts is removed) and
    /// every query; its history stays readable, ending in a "deleted" version.
    /// </summary>
    public Task<WriteOutcome> DeleteAsync(long id, IReadOnlyList<string> ifMatch, WriteContext writer, CancellationToken ct) =>
        unitOfWork.RunAsync(writer, null, async ct =>
        {
            var readout = await LoadForChangeAsync(id, ifMatch, ct);
            var callId = readout.CallId!.Value;
            await linker.LockAsync([await linker.LeaderKeyOfAsync(callId, ct)], ct);
            await ArchiveAsync(readout, ct);
            readout.CallId = null;
            Stamp(readout, ReadoutChange.Deleted, writer);
            readout.DeletedAt = readout.UpdatedAt;
            await SaveAsync(ct);
            await linker.TidyAsync([callId], ct);
            return new WriteOutcome(StatusCodes.Status204NoContent, null);
        }, ct);

    /// <summary>
    /// An editor's fix of a wrong link: moves the readout to another call with the same leaders,
    /// or (no call) into a call of its own. Moving it where it already is changes nothing.
    /// </summary>
    public Task<WriteOutcome> MoveAsync(long id, IReadOnlyList<string>? ifMatch, LinkReadoutRequest request, WriteContext writer, CancellationToken ct) =>
        unitOfWork.RunAsync(writer, request, async ct =>
        {
            var readout = await LoadForChangeAsync(id, ifMatch, ct);
            var oldCallId = readout.CallId!.Value;
            var leaderKey = await linker.LeaderKeyOfAsync(oldCallId, ct);
            await linker.LockAsync([leaderKey], ct);

            if (request.CallId is { } targetId)
            {
                if (targetId == oldCallId)
                {
                    return await CurrentAsync(id, ct);
                }

                var target = await db.Calls.Where(c => c.Id == targetId)
                    .Select(c => new { c.LeaderKey, Taken = c.Readouts.Any(r => r.SourceId == readout.SourceId && r.Language == readout.Language) })
                    .SingleOrDefaultAsync(ct)
                    ?? throw ApiProblemException.Unprocessable("callId", $"There is no call {targetId}.");
                if (target.LeaderKey != leaderKey)
                {
                    throw ApiProblemException.Unprocessable("callId", $"Call {targetId} is between other leaders; a readout can only join a call with its own leaders.");
                }

                if (target.Taken)
                {
                    throw ApiProblemException.Unprocessable("callId", $"Call {targetId} already has a readout from this source in this language.");
                }

                await ArchiveAsync(readout, ct);
                readout.CallId = targetId;
            }
            else
            {
                if (!await db.Readouts.AnyAsync(r => r.CallId == oldCallId && r.Id != id, ct))
                {
                    return await CurrentAsync(id, ct);
                }

                var leaderIds = await db.CallLeaders.Where(l => l.CallId == oldCallId).Select(l => l.LeaderId).ToListAsync(ct);
                await ArchiveAsync(readout, ct);
                readout.Call = CallLinker.NewCall(readout.CallDate, leaderKey, leaderIds);
            }

            Stamp(readout, ReadoutChange.Relinked, writer);
            await SaveAsync(ct);
            await linker.TidyAsync([oldCallId, readout.CallId!.Value], ct);
            return await CurrentAsync(id, ct);
        }, ct);

    /// <summary>One readout; null when there never was one with this id, 410 when it was deleted.</summary>
    public async Task<ReadoutResponse?> GetAsync(long id, CancellationToken ct) =>
        await reader.ByIdAsync(id, ct)
            ?? (await IsDeletedAsync(id, ct) ? throw Gone(id) : null);

    /// <summary>A readout's versions, newest first; null when there never was such a readout.</summary>
    public async Task<Page<RevisionSummary>?> ListRevisionsAsync(long id, PageQuery query, CancellationToken ct)
    {
        var current = await db.Readouts.IgnoreQueryFilters().AsNoTracking().Where(r => r.Id == id)
            .Select(r => new RevisionSummary(r.Version, r.Change, r.UpdatedAt, r.UpdatedBy))
            .SingleOrDefaultAsync(ct);
        if (current is null)
        {
            return null;
        }

        var limit = query.Limit ?? Paging.DefaultLimit;
        var before = Cursor.TryDecode(query.Cursor, out string? after) && int.TryParse(after, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
        var rows = await db.ReadoutRevisions.AsNoTracking()
            .Where(r => r.ReadoutId == id && r.Number < before)
            .OrderByDescending(r => r.Number)
            .Take(limit + 1)
            .Select(r => new RevisionSummary(r.Number, r.Change, r.WrittenAt, r.WrittenBy))
            .ToListAsync(ct);
        if (current.Number < before)
        {
            rows.Insert(0, current);
            rows = rows.Take(limit + 1).ToList();
        }

        return Cursor.ToPage(rows, limit, r => Cursor.Encode(r.Number.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Version <paramref name="number"/> of a readout, or null when it has no such version.</summary>
    public async Task<RevisionResponse?> GetRevisionAsync(long id, int number, CancellationToken ct)
    {
        var current = await db.Readouts.IgnoreQueryFilters().AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Version, r.Change, r.UpdatedAt, r.UpdatedBy })
            .SingleOrDefaultAsync(ct);
        if (current is null || number < 1 || number > current.Version)
        {
            return null;
        }

        if (number == current.Version)
        {
            var readout = current.Change == ReadoutChange.Deleted ? null : await GetAsync(id, ct);
            return new RevisionResponse(number, current.Change, current.UpdatedAt, current.UpdatedBy, readout);
        }

        var revision = await db.ReadoutRevisions.AsNoTracking().SingleAsync(r => r.ReadoutId == id && r.Number == number, ct);
        return new RevisionResponse(revision.Number, revision.Change, revision.WrittenAt, revision.WrittenBy,
            await AsAnsweredNowAsync(JsonSerializer.Deserialize<ReadoutResponse>(revision.Snapshot, ApiJson.Options), ct));
    }

    /// <summary>
    /// A version stored before subjects existed, in today's shape: no mentions were looked for then,
    /// and its topics get the kind their slugs have now (other, for a slug no topic has any more).
    /// </summary>
    private async Task<ReadoutResponse?> AsAnsweredNowAsync(ReadoutResponse? snapshot, CancellationToken ct)
    {
        if (snapshot is null || (snapshot.MentionedTopics is not null && snapshot.Topics.All(t => t.Kind is not null)))
        {
            return snapshot;
        }

        var index = await subjects.GetAsync(ct);
        return snapshot with
        {
            MentionedTopics = snapshot.MentionedTopics ?? [],
            Topics = [.. snapshot.Topics.Select(t => t with
            {
                Kind = t.Kind ?? (index.BySlug.TryGetValue(t.Slug, out var id) && index.Topics.TryGetValue(id, out var topic) ? topic.Kind : TopicKind.Other),
            })],
        };
    }

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
            int[] wanted = [leaderId];
            readouts = readouts.Where(r => wanted.All(id => r.Call!.LeaderIds.Contains(id)));
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
            // The first condition lets the (call_date, id) index start at the cursor; see CallQueries.
            readouts = readouts.Where(r => r.CallDate <= afterDate && (r.CallDate < afterDate || r.Id < afterId));
        }

        var rows = await readouts
            .OrderByDescending(r => r.CallDate).ThenByDescending(r => r.Id)
            .Take(limit + 1)
            .Select(r => new ReadoutSummary(r.Id, r.CallId!.Value, r.Source.Slug, r.Language, r.CallDate, r.PublishedAt, r.Title, r.Url))
            .ToListAsync(ct);
        return Cursor.ToPage(rows, limit, r => Cursor.Encode(r.CallDate, r.Id));
    }

    /// <summary>The readout, tracked, after checking it may be changed: 404, 410 or 412 otherwise.</summary>
    private async Task<Readout> LoadForChangeAsync(long id, IReadOnlyList<string>? ifMatch, CancellationToken ct)
    {
        var readout = await db.Readouts.SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw (await IsDeletedAsync(id, ct) ? Gone(id) : new ApiProblemException(StatusCodes.Status404NotFound, "Not Found", $"There is no readout {id}."));
        EntityTags.EnsureMatches(ifMatch, EntityTags.ForVersion(readout.Version), $"Readout {id}");
        return readout;
    }

    /// <summary>Keeps the current version in the history before it is replaced.</summary>
    private async Task ArchiveAsync(Readout readout, CancellationToken ct)
    {
        var current = await reader.ByIdAsync(readout.Id, ct);
        db.ReadoutRevisions.Add(new ReadoutRevision
        {
            ReadoutId = readout.Id,
            Number = readout.Version,
            Change = readout.Change,
            WrittenAt = readout.UpdatedAt,
            WrittenBy = readout.UpdatedBy,
            Snapshot = JsonSerializer.Serialize(current, ApiJson.Options),
        });
    }

    private void Stamp(Readout readout, string change, WriteContext writer)
    {
        readout.Version++;
        readout.Change = change;
        readout.UpdatedAt = clock.GetUtcNow();
        readout.UpdatedBy = writer.KeyName;
    }

    /// <summary>Saves, turning the races a client can cause into the answers it should get.</summary>
    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException
            // Two changes from the same version both archive it; the second finds its number taken.
            || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_readout_revisions" })
        {
            throw new ApiProblemException(StatusCodes.Status412PreconditionFailed, "The readout has changed since you read it.", "Another write changed it a moment ago. GET it again and retry with its new ETag.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: NaturalKey } && db.ChangeTracker.Entries<Readout>().All(r => r.State != EntityState.Added))
        {
            throw ApiProblemException.Conflict("Another readout from this source already has this URL.");
        }
    }

    /// <summary>200 with the readout as it now is.</summary>
    private async Task<WriteOutcome> CurrentAsync(long id, CancellationToken ct) => Answer(StatusCodes.Status200OK, (await GetAsync(id, ct))!);

    private static WriteOutcome Answer(int status, ReadoutResponse readout, string? location = null) =>
        WriteOutcome.Of(status, readout, location, EntityTags.ForVersion(readout.Version));

    private Task<bool> IsDeletedAsync(long id, CancellationToken ct) =>
        db.Readouts.IgnoreQueryFilters().AnyAsync(r => r.Id == id && r.DeletedAt != null, ct);

    private static ApiProblemException Gone(long id) => new(
        StatusCodes.Status410Gone,
        "The readout was deleted.",
        $"Readout {id} was deleted; its history is at /api/readouts/{id}/revisions.");
}
