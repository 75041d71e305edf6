using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readouts.Api.Events;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Leaders;

/// <summary>The leader registry: search, read, add leaders and aliases.</summary>
public sealed class LeaderService(ReadoutsDbContext db, UnitOfWork unitOfWork, EventLog events)
{
    public async Task<Page<LeaderResponse>> ListAsync(LeaderQuery query, CancellationToken ct)
    {
        var limit = query.Limit ?? Paging.DefaultLimit;
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            // Best match first; transliterated too, so "Путин", "putin" and "PUTİN" all find Putin (trigram index).
            var found = Cursor.ToPage(await NameSearch.RankAsync(db, "leader_names", "leader_id", "leaders", query.Q, query.Cursor, limit, ct), limit, NameSearch.CursorOf);
            var slugs = found.Items.Select(f => f.Slug).ToList();
            var bySlug = (await db.Leaders.AsNoTracking().Where(l => slugs.Contains(l.Slug)).Select(Projection).ToListAsync(ct)).ToDictionary(r => r.Slug);
            return new Page<LeaderResponse>(found.Items.Select(f => ToResponse(bySlug[f.Slug])).ToList(), found.NextCursor);
        }

        var leaders = db.Leaders.AsNoTracking();
        if (Cursor.TryDecode(query.Cursor, out string? after))
        {
            leaders = leaders.Where(l => string.Compare(l.Slug, after) > 0);
        }

        var rows = await leaders.OrderBy(l => l.Slug).Take(limit + 1).Select(Projection).ToListAsync(ct);
        return Cursor.ToPage(rows.Select(ToResponse).ToList(), limit, l => Cursor.Encode(l.Slug));
    }

    public async Task<LeaderResponse?> GetAsync(string slug, CancellationToken ct)
    {
        var row = await db.Leaders.AsNoTracking().Where(l => l.Slug == slug).Select(Projection).SingleOrDefaultAsync(ct);
        return row is null ? null : ToResponse(row);
    }

    /// <summary>Adds a leader: 201, or 409 when the slug or a name is taken.</summary>
    public Task<WriteOutcome> CreateAsync(CreateLeaderRequest request, WriteContext writer, CancellationToken ct) =>
        unitOfWork.RunAsync(writer, request, async ct => WriteOutcome.Of(StatusCodes.Status201Created, await CreateOnceAsync(request, ct), $"/api/leaders/{NameKey.Slug(request.Name!.Trim())}"), ct);

    private async Task<LeaderResponse> CreateOnceAsync(CreateLeaderRequest request, CancellationToken ct)
    {
        var name = request.Name!.Trim();
        var slug = NameKey.Slug(name);
        var names = new[] { name }.Concat(request.Aliases?.Select(a => a!.Trim()) ?? [])
            .Select(LeaderName.For)
            .DistinctBy(n => n.Key)
            .ToList();

        if (await db.Leaders.AnyAsync(l => l.Slug == slug, ct))
        {
            throw ApiProblemException.Conflict($"The slug '{slug}' is taken by another leader.");
        }

        var keys = names.Select(n => n.Key).ToList();
        var taken = await db.LeaderNames.Where(n => keys.Contains(n.Key))
            .Join(db.Leaders, n => n.LeaderId, l => l.Id, (n, l) => new { n.Text, l.Slug })
            .FirstOrDefaultAsync(ct);
        if (taken is not null)
        {
            throw ApiProblemException.Conflict($"The name '{taken.Text}' already belongs to {taken.Slug}.");
        }

        var leader = new Leader { Slug = slug, Name = name, Country = request.Country!.ToUpperInvariant(), Wikidata = request.Wikidata, Names = names };
        db.Leaders.Add(leader);
        await SaveOrConflictAsync("A leader with this slug or one of these names was added at the same time.", ct);
        await events.RecordAsync(EventTypes.LeaderCreated, slug, [leader.Id], ct: ct);
        return (await GetAsync(slug, ct))!;
    }

    /// <summary>Adds an alias: 201, or 200 when the leader already had it; 404 for an unknown leader.</summary>
    public Task<WriteOutcome> AddAliasAsync(string slug, AddAliasRequest request, WriteContext writer, CancellationToken ct) =>
        unitOfWork.RunAsync(writer, request, async ct => await AddAliasOnceAsync(slug, request, ct) switch
        {
            (var leader, true) => WriteOutcome.Of(StatusCodes.Status201Created, leader, $"/api/leaders/{slug}"),
            (var leader, false) => WriteOutcome.Of(StatusCodes.Status200OK, leader),
        }, ct);

    private async Task<(LeaderResponse Leader, bool Created)> AddAliasOnceAsync(string slug, AddAliasRequest request, CancellationToken ct)
    {
        var leaderId = await db.Leaders.Where(l => l.Slug == slug).Select(l => (int?)l.Id).SingleOrDefaultAsync(ct)
            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "Not Found", $"There is no leader '{slug}'.");

        var alias = LeaderName.For(request.Alias!);
        var owner = await db.LeaderNames.Where(n => n.Key == alias.Key)
            .Join(db.Leaders, n => n.LeaderId, l => l.Id, (n, l) => new { l.Id, l.Slug })
            .SingleOrDefaultAsync(ct);
        if (owner is not null && owner.Id != leaderId)
        {
            throw ApiProblemException.Conflict($"The alias '{request.Alias}' already belongs to {owner.Slug}.");
        }

        if (owner is null)
        {
            alias.LeaderId = leaderId;
            db.LeaderNames.Add(alias);
            await SaveOrConflictAsync("The alias was given to another leader at the same time.", ct);
            await events.RecordAsync(EventTypes.LeaderAliasAdded, slug, [leaderId], details: [alias.Text], ct: ct);
        }

        return ((await GetAsync(slug, ct))!, owner is null);
    }

    private async Task SaveOrConflictAsync(string detail, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw ApiProblemException.Conflict(detail);
        }
    }

    private sealed record Row(string Slug, string Name, string Country, string? Wikidata, List<string> Names);

    private static readonly System.Linq.Expressions.Expression<Func<Leader, Row>> Projection =
        l => new Row(l.Slug, l.Name, l.Country, l.Wikidata, l.Names.OrderBy(n => n.Id).Select(n => n.Text).ToList());

    private static LeaderResponse ToResponse(Row row) =>
        new(row.Slug, row.Name, row.Country, row.Names.Where(n => n != row.Name).ToList(), row.Wikidata);
}
