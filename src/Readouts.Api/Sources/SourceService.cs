using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readouts.Api.Events;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Sources;

public sealed class SourceService(ReadoutsDbContext db, UnitOfWork unitOfWork, SourceDirectory directory, EventLog events)
{
    public async Task<Page<SourceResponse>> ListAsync(int? limit, string? cursor, CancellationToken ct)
    {
        var take = limit ?? Paging.DefaultLimit;
        var sources = db.Sources.AsNoTracking();
        if (Cursor.TryDecode(cursor, out string? after))
        {
            sources = sources.Where(s => string.Compare(s.Slug, after) > 0);
        }

        var rows = await sources.OrderBy(s => s.Slug).Take(take + 1)
            .Select(s => new SourceResponse(s.Slug, s.Name, s.Country, s.Url))
            .ToListAsync(ct);
        return Cursor.ToPage(rows, take, s => Cursor.Encode(s.Slug));
    }

    public Task<SourceResponse?> GetAsync(string slug, CancellationToken ct) =>
        db.Sources.AsNoTracking().Where(s => s.Slug == slug)
            .Select(s => new SourceResponse(s.Slug, s.Name, s.Country, s.Url))
            .SingleOrDefaultAsync(ct);

    /// <summary>The id of the source with this slug; an unknown slug is a 422 on <paramref name="field"/>.</summary>
    public async Task<int> FindIdAsync(string field, string slug, CancellationToken ct) =>
        await db.Sources.Where(s => s.Slug == slug).Select(s => (int?)s.Id).SingleOrDefaultAsync(ct)
            ?? throw ApiProblemException.Unprocessable(field, $"'{slug}' is not a known source; see GET /api/sources or add it with POST /api/sources.");

    /// <summary>Every source, by name (at most <see cref="SourceDirectory.MaxAge"/> old): the pages' list.</summary>
    public Task<IReadOnlyList<SourceResponse>> AllAsync(CancellationToken ct) => directory.AllAsync(db, ct);

    /// <summary>Adds a source: 201, or 409 when the slug is taken.</summary>
    public async Task<WriteOutcome> CreateAsync(CreateSourceRequest request, WriteContext writer, CancellationToken ct)
    {
        var outcome = await unitOfWork.RunAsync(writer, request, async ct => WriteOutcome.Of(StatusCodes.Status201Created, await CreateOnceAsync(request, ct), $"/api/sources/{request.Slug}"), ct);
        directory.Forget();
        return outcome;
    }

    private async Task<SourceResponse> CreateOnceAsync(CreateSourceRequest request, CancellationToken ct)
    {
        var source = new Source
        {
            Slug = request.Slug!,
            Name = request.Name!.Trim(),
            Country = request.Country!.ToUpperInvariant(),
            Url = request.Url!,
        };
        db.Sources.Add(source);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw ApiProblemException.Conflict($"The slug '{source.Slug}' is taken by another source.");
        }

        await events.RecordAsync(EventTypes.SourceCreated, source.Slug, sourceId: source.Id, ct: ct);

        return new SourceResponse(source.Slug, source.Name, source.Country, source.Url);
    }
}
