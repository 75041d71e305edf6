using System.Collections.Concurrent;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;

namespace Readouts.Api.Readouts;

/// <summary>
/// Writes single posts that arrive at the same moment together, in one transaction, as a database
/// commits a group: each post is still validated, linked and answered as if it were alone, but the
/// dozen round trips and the linking locks a write takes are paid once per group rather than once
/// per post. A post that finds one of the two writers free is written at once; the ones that come
/// while both are busy wait, and the next writer free takes them all. One post's problem is only
/// its own.
/// </summary>
public sealed class ReadoutGroupCommit(IServiceScopeFactory scopes, RegistryNames registry, ILogger<ReadoutGroupCommit> logger)
{
    /// <summary>While one group waits on PostgreSQL, the next is being prepared in the API.</summary>
    private const int Writers = 2;

    /// <summary>Keeps a group's transaction, and the wait of its first post, short.</summary>
    private const int MaxGroup = 100;

    private readonly ConcurrentQueue<Post> posts = new();
    private int writing;

    /// <summary>The leader sets of the groups being written; guarded by <see cref="taking"/>.</summary>
    private readonly HashSet<string> beingWritten = new(StringComparer.Ordinal);

    /// <summary>Posts a writer left for a later group, oldest first: the next group starts with them. Guarded by <see cref="taking"/>.</summary>
    private List<Post> heldBack = [];
    private readonly Lock taking = new();

    /// <summary>A post waiting to be written; its leader set when its leaders are known without a query (<see cref="LeaderResolver.KnownLeaderId"/>).</summary>
    private sealed record Post(ReadoutRequest Request, WriteContext Writer, string? LeaderKey, CancellationToken Ct)
    {
        public TaskCompletionSource<WriteOutcome> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task<WriteOutcome> PostAsync(ReadoutRequest request, WriteContext writer, CancellationToken ct)
    {
        var leaderIds = request.Leaders!.Select(l => LeaderResolver.KnownLeaderId(registry, l!)).ToList();
        var post = new Post(request, writer, leaderIds.All(id => id is not null) ? Call.KeyFor(leaderIds.Select(id => id!.Value)) : null, ct);
        posts.Enqueue(post);
        StartWriterIfNeeded();
        return post.Answer.Task;
    }

    private void StartWriterIfNeeded()
    {
        while (!posts.IsEmpty || Volatile.Read(ref heldBack).Count > 0)
        {
            var count = Volatile.Read(ref writing);
            if (count >= Writers)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref writing, count + 1, count) == count)
            {
                // The writer outlives the request that starts it and writes other requests' posts, so it
                // must not carry that request's execution context (its trace, its HttpContext).
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(WriteAsync);
                }

                return;
            }
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            while (TakeGroup() is { Count: > 0 } group)
            {
                try
                {
                    await WriteGroupAsync(group);
                }
                finally
                {
                    lock (taking)
                    {
                        beingWritten.ExceptWith(group.Select(p => p.LeaderKey).OfType<string>());
                    }
                }
            }
        }
        finally
        {
            // A post queued after the last TakeGroup, while this writer still counted, has no writer
            // yet. Posts left for another writer's leaders are that writer's to take when it is done.
            if (Interlocked.Decrement(ref writing) == 0)
            {
                StartWriterIfNeeded();
            }
        }
    }

    /// <summary>
    /// The oldest posts of one API key (each readout is stamped with its name), with each
    /// Idempotency-Key at most once: a second request with a key waits for the first one's
    /// transaction and replays it. Posts about leaders the other writer is writing are left too:
    /// their linking lock would keep this whole group waiting until that writer commits. Those
    /// left are held back, in order, and the next group starts with them.
    /// </summary>
    private List<Post> TakeGroup()
    {
        var group = new List<Post>();
        var later = new List<Post>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        lock (taking)
        {
            using var waiting = heldBack.Concat(Drain()).GetEnumerator();
            while (group.Count < MaxGroup && waiting.MoveNext())
            {
                var post = waiting.Current;
                if (post.Ct.IsCancellationRequested)
                {
                    // The client went away before its post was written: as for a lone post, nothing is stored.
                    post.Answer.TrySetCanceled(post.Ct);
                }
                else if ((group.Count > 0 && post.Writer.KeyName != group[0].Writer.KeyName)
                    || (post.Writer.IdempotencyKey is { } key && !keys.Add(key))
                    || (post.LeaderKey is { } leaders && beingWritten.Contains(leaders)))
                {
                    later.Add(post);
                }
                else
                {
                    group.Add(post);
                }
            }

            while (waiting.MoveNext())
            {
                later.Add(waiting.Current);
            }

            beingWritten.UnionWith(group.Select(p => p.LeaderKey).OfType<string>());
            Volatile.Write(ref heldBack, later);
        }

        return group;
    }

    /// <summary>The queued posts, up to a group's worth, so that a group never waits on an endless queue.</summary>
    private IEnumerable<Post> Drain()
    {
        for (var i = 0; i < MaxGroup && posts.TryDequeue(out var post); i++)
        {
            yield return post;
        }
    }

    private async Task WriteGroupAsync(List<Post> group)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // Once begun, a group is written to the end: the other posts' clients are still waiting.
            var results = await scope.ServiceProvider.GetRequiredService<ReadoutService>()
                .CreateTogetherAsync(group.Select(p => (p.Request, p.Writer)).ToList(), CancellationToken.None);
            for (var i = 0; i < group.Count; i++)
            {
                if (results[i].Outcome is { } outcome)
                {
                    group[i].Answer.TrySetResult(outcome);
                }
                else
                {
                    group[i].Answer.TrySetException(results[i].Problem!);
                }
            }
        }
        catch (Exception e) when (group.Count > 1 && !ProblemExceptionHandler.IsDatabaseUnavailable(e))
        {
            // What failed the transaction may be one post's doing: written alone, each fails only itself.
            // Not when the database is away: then each would wait out the retries again, one after another.
            logger.LogWarning(e, "A group of {Posts} posts failed; writing each alone", group.Count);
            foreach (var post in group)
            {
                await WriteGroupAsync([post]);
            }
        }
        catch (Exception e)
        {
            foreach (var post in group)
            {
                post.Answer.TrySetException(e);
            }
        }
    }
}
