using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readouts.Api.Events;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Topics;

/// <summary>A topic found by slug: the topic, or the slug of the one it was merged into.</summary>
public sealed record TopicLookup(TopicResponse? Topic, string? MergedInto);

/// <summary>
/// The registry of subjects: search, read, add subjects and aliases, merge topics that mean one
/// subject; and for posts and queries, the topics of labels no subject's name resolves.
/// </summary>
public sealed class TopicService(ReadoutsDbContext db, UnitOfWork unitOfWork, Subjects subjects, Lexicon lexicon, EventLog events)
{
    /// <summary>The PostgreSQL channel a registry change is announced on, to every API instance (<see cref="RegistryListener"/>).</summary>
    public const string RegistryChannel = "readouts_registry";

    /// <summary>The channel that wakes <see cref="SubjectRereader"/> when readouts are to be read again.</summary>
    public const string RereadChannel = "readouts_reread";

    public async Task<Page<TopicResponse>> ListAsync(TopicQuery query, CancellationToken ct)
    {
        var limit = query.Limit ?? Paging.DefaultLimit;
        if (string.IsNullOrWhiteSpace(query.Q))
        {
            var topics = db.Topics.AsNoTracking();
            if (Cursor.TryDecode(query.Cursor, out string? after))
            {
                topics = topics.Where(t => string.Compare(t.Slug, after) > 0);
            }

            var slugs = await topics.OrderBy(t => t.Slug).Take(limit + 1).Select(t => t.Slug).ToListAsync(ct);
            var page = await ResponsesAsync(slugs, ct);
            return Cursor.ToPage(slugs.Select(s => page[s]).ToList(), limit, t => Cursor.Encode(t.Slug));
        }

        var found = Cursor.ToPage(await NameSearch.RankAsync(db, "topic_names", "topic_id", "topics", query.Q, query.Cursor, limit, ct), limit, NameSearch.CursorOf);
        var responses = await ResponsesAsync(found.Items.Select(f => f.Slug).ToList(), ct);
        return new Page<TopicResponse>(found.Items.Select(f => responses[f.Slug]).ToList(), found.NextCursor);
    }

    /// <summary>The topic with this slug, or the one a merge gave the slug to; null for neither.</summary>
    public async Task<TopicLookup?> GetAsync(string slug, CancellationToken ct)
    {
        if ((await ResponsesAsync([slug], ct)).TryGetValue(slug, out var topic))
        {
            return new TopicLookup(topic, null);
        }

        var merged = await MergedIntoAsync(slug, ct);
        return merged is null ? null : new TopicLookup(null, merged);
    }

    private Task<string?> MergedIntoAsync(string slug, CancellationToken ct) =>
        db.TopicRedirects.Where(r => r.Slug == slug)
            .Join(db.Topics, r => r.TopicId, t => t.Id, (r, t) => t.Slug)
            .SingleOrDefaultAsync(ct);

    /// <summary>Adds a subject: 201, or 409 when its slug, a name, its Wikidata id or its country is another topic's.</summary>
    public Task<WriteOutcome> CreateAsync(CreateTopicRequest request, WriteContext writer, CancellationToken ct) =>
        RegistryWriteAsync(writer, request, async ct =>
        {
            var name = request.Name!.Trim();
            var slug = NameKey.Slug(name);
            if (await db.Topics.AnyAsync(t => t.Slug == slug, ct) || await db.TopicRedirects.AnyAsync(r => r.Slug == slug, ct))
            {
                throw ApiProblemException.Conflict($"The slug '{slug}' is taken by another topic.");
            }

            if (request.Wikidata is { } wikidata && await db.Topics.Where(t => t.Wikidata == wikidata).Select(t => t.Slug).FirstOrDefaultAsync(ct) is { } holder)
            {
                throw ApiProblemException.Conflict($"The Wikidata item {wikidata} is {holder}.");
            }

            var country = request.Country?.ToUpperInvariant();
            if (country is not null && await db.Topics.Where(t => t.Country == country).Select(t => t.Slug).FirstOrDefaultAsync(ct) is { } countryHolder)
            {
                throw ApiProblemException.Conflict($"The country {country} is {countryHolder}.");
            }

            var names = new List<TopicName> { NameOf(name, request.Kind == TopicKind.Other ? [] : ["en"], null) };
            foreach (var alias in request.Aliases ?? [])
            {
                var added = NameOf(alias!.Alias!, Languages(alias), alias.Cased);
                if (names.FirstOrDefault(n => n.Text == added.Text) is { } same)
                {
                    same.Languages = [.. same.Languages.Union(added.Languages).Order(StringComparer.Ordinal)];
                }
                else
                {
                    names.Add(added);
                }
            }

            await EnsureNamesFreeAsync(names, null, ct);
            var topic = new Topic { Slug = slug, Name = name, Kind = request.Kind!, Wikidata = request.Wikidata, Country = country, Names = names };
            db.Topics.Add(topic);
            await SaveOrConflictAsync("A topic with this slug or one of these names was added at the same time.", ct);
            await events.RecordAsync(EventTypes.TopicCreated, slug, ct: ct);
            await RereadWhereFoundAsync(names, ct);
            return WriteOutcome.Of(StatusCodes.Status201Created, (await ResponsesAsync([slug], ct))[slug], $"/api/topics/{slug}");
        }, ct);

    /// <summary>
    /// Adds a name to a topic: 201; 200 when the topic had it (its languages are added to);
    /// 409 when another topic has it; 404 for an unknown topic; 308 for a merged one.
    /// </summary>
    public Task<WriteOutcome> AddAliasAsync(string slug, TopicAliasRequest request, WriteContext writer, CancellationToken ct) =>
        RegistryWriteAsync(writer, request, async ct =>
        {
            var target = await TopicIdAsync(slug, "aliases", ct);
            if (target.Moved is { } moved)
            {
                return moved;
            }

            var topicId = target.Id!.Value;
            var alias = NameOf(request.Alias!, Languages(request), request.Cased);
            await EnsureNamesFreeAsync([alias], topicId, ct);
            var existing = await db.TopicNames.SingleOrDefaultAsync(n => n.Text == alias.Text, ct);

            if (existing is null)
            {
                alias.TopicId = topicId;
                db.TopicNames.Add(alias);
            }
            else
            {
                existing.Languages = [.. existing.Languages.Union(alias.Languages).Order(StringComparer.Ordinal)];
                existing.Cased = request.Cased ?? existing.Cased;
            }

            await SaveOrConflictAsync("The alias was given to another topic at the same time.", ct);
            if (existing is null)
            {
                await events.RecordAsync(EventTypes.TopicAliasAdded, slug, details: [alias.Text], ct: ct);
            }

            await RereadWhereFoundAsync([alias], ct);
            var topic = (await ResponsesAsync([slug], ct))[slug];
            return existing is null ? WriteOutcome.Of(StatusCodes.Status201Created, topic, $"/api/topics/{slug}") : WriteOutcome.Of(StatusCodes.Status200OK, topic);
        }, ct);

    /// <summary>
    /// Merges topics that mean this one's subject into it: their names become its names, their
    /// readouts and calls are relabelled, and their slugs lead to it from then on. 422 for a topic
    /// merged into itself or two countries; 404 for an unknown topic.
    /// </summary>
    public Task<WriteOutcome> MergeAsync(string slug, MergeTopicsRequest request, WriteContext writer, CancellationToken ct) =>
        RegistryWriteAsync(writer, request, async ct =>
        {
            var target = await TopicIdAsync(slug, "merge", ct);
            if (target.Moved is { } moved)
            {
                return moved;
            }

            var wanted = request.Topics!.Select(t => t!).Distinct(StringComparer.Ordinal).ToList();
            var found = await db.Topics.Where(t => wanted.Contains(t.Slug)).Select(t => new { t.Slug, t.Id }).ToDictionaryAsync(t => t.Slug, t => t.Id, ct);
            var redirected = await db.TopicRedirects.Where(r => wanted.Contains(r.Slug)).ToDictionaryAsync(r => r.Slug, r => r.TopicId, ct);
            var unknown = wanted.Where(s => !found.ContainsKey(s) && !redirected.ContainsKey(s)).ToList();
            if (unknown.Count > 0)
            {
                throw new ApiProblemException(StatusCodes.Status404NotFound, "Not Found", $"There is no topic {string.Join(", ", unknown.Select(u => $"'{u}'"))}.");
            }

            var targetId = target.Id!.Value;
            var sources = wanted.ToDictionary(s => s, s => found.TryGetValue(s, out var id) ? id : redirected[s]);
            if (sources.Where(s => s.Value == targetId).Select(s => s.Key).ToList() is [_, ..] same)
            {
                throw ApiProblemException.Unprocessable("topics", $"A topic cannot be merged into itself: {string.Join(", ", same)} {(same.Count == 1 && same[0] == slug ? "is" : "already leads to")} {slug}.");
            }

            // Locked before their kinds are read: a post naming one of them waits for the merge, or the merge for it.
            int[] ids = [.. sources.Values.Distinct().Append(targetId).Order()];
            var kinds = (await db.Database.SqlQuery<TopicKindRow>($"SELECT id, kind FROM topics WHERE id = ANY({ids}) ORDER BY id FOR UPDATE").ToListAsync(ct))
                .ToDictionary(t => t.Id, t => t.Kind);
            if (kinds[targetId] == TopicKind.Country && sources.Values.Any(s => kinds[s] == TopicKind.Country))
            {
                throw ApiProblemException.Unprocessable("topics", "Two countries are never one subject; merge only labels into a country.");
            }

            await MergeIntoAsync(targetId, [.. sources.Values.Distinct()], ct);
            return WriteOutcome.Of(StatusCodes.Status200OK, (await ResponsesAsync([slug], ct))[slug]);
        }, ct);

    /// <summary>
    /// Merges topics into one in the current transaction: names, readouts' subjects, calls' topics
    /// and redirects move to <paramref name="target"/>, and the others are deleted. Announced on
    /// <see cref="RegistryChannel"/> at commit.
    /// </summary>
    public async Task MergeIntoAsync(int target, int[] sources, CancellationToken ct)
    {
        int[] all = [.. sources, target];
        // Deleted and inserted again rather than updated: row by row, an update would leave a folded
        // form named by both topics for a moment, which the exclusion constraint refuses.
        var names = await db.Database.SqlQuery<MovedName>($"""
            DELETE FROM topic_names WHERE topic_id = ANY({sources}) RETURNING text, key, latin_key, languages, cased
            """).ToListAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO topic_names (topic_id, text, key, latin_key, languages, cased)
            SELECT {target}, n.text, n.key, n.latin_key, string_to_array(n.languages, ' '), n.cased
            FROM unnest({names.Select(n => n.Text).ToArray()}::text[], {names.Select(n => n.Key).ToArray()}::text[],
                {names.Select(n => n.LatinKey).ToArray()}::text[], {names.Select(n => string.Join(' ', n.Languages)).ToArray()}::text[], {names.Select(n => n.Cased).ToArray()}::boolean[])
                AS n(text, key, latin_key, languages, cased)
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO readout_topics (readout_id, topic_id, labels, mentions)
            SELECT s.readout_id, {target},
                ARRAY(SELECT DISTINCT l FROM readout_topics x, unnest(x.labels) AS l WHERE x.readout_id = s.readout_id AND x.topic_id = ANY({all}) ORDER BY l),
                ARRAY(SELECT DISTINCT m FROM readout_topics x, unnest(x.mentions) AS m WHERE x.readout_id = s.readout_id AND x.topic_id = ANY({all}) ORDER BY m)
            FROM (SELECT DISTINCT readout_id FROM readout_topics WHERE topic_id = ANY({sources})) AS s
            ON CONFLICT (readout_id, topic_id) DO UPDATE SET labels = EXCLUDED.labels, mentions = EXCLUDED.mentions
            """, ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM readout_topics WHERE topic_id = ANY({sources})", ct);
        // && is served by the GIN index on topic_ids.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE calls SET topic_ids = ARRAY(SELECT DISTINCT CASE WHEN x = ANY({sources}) THEN {target} ELSE x END FROM unnest(topic_ids) AS x ORDER BY 1)
            WHERE topic_ids && {sources}
            """, ct);
        await db.Database.ExecuteSqlAsync($"UPDATE topic_redirects SET topic_id = {target} WHERE topic_id = ANY({sources})", ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO topic_redirects (slug, topic_id) SELECT slug, {target} FROM topics WHERE id = ANY({sources})", ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO event_queue (type, subject, names)
            SELECT {EventTypes.TopicMerged}, (SELECT slug FROM topics WHERE id = {target}), array_agg(slug ORDER BY slug) FROM topics WHERE id = ANY({sources})
            """, ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM topics WHERE id = ANY({sources})", ct);
        await NotifyAsync(RegistryChannel, ct);
    }

    /// <summary>
    /// The topics of labels no subject's name resolved (<see cref="TopicResolver"/>), created as
    /// kind <c>other</c> where no topic has them yet: a label joins the <c>other</c> topic with its
    /// slug, as labels always have; where a subject or a merge holds that slug, the label's topic
    /// takes the next free one (ukraina-2). Safe under concurrent posts: inserts skip what another
    /// transaction has just added, and find it.
    /// </summary>
    public async Task<Dictionary<string, int>> EnsureOthersAsync(IEnumerable<string> labels, CancellationToken ct)
    {
        var wanted = labels.Distinct(StringComparer.Ordinal).Select(l => (Label: l, Key: NameKey.Fold(l), Slug: NameKey.Slug(l))).ToList();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return ids;
        }

        var index = await subjects.GetAsync(ct);
        var keys = wanted.Select(w => w.Key).Distinct().ToArray();
        // Read before this transaction inserts anything: every row found is committed, and can be remembered.
        foreach (var row in await db.TopicNames.AsNoTracking().Where(n => keys.Contains(n.Key)).Select(n => new { n.Key, n.TopicId }).ToListAsync(ct))
        {
            index.Learned[row.Key] = row.TopicId;
        }

        var missing = new List<(string Label, string Key, string Slug)>();
        foreach (var w in wanted)
        {
            if (index.Learned.TryGetValue(w.Key, out var id))
            {
                ids[w.Label] = id;
            }
            else
            {
                missing.Add(w);
            }
        }

        if (missing.Count == 0)
        {
            return ids;
        }

        // Each label's slug, or the first of slug-2 … slug-9 that no subject or merge holds.
        var tried = missing.SelectMany(m => Enumerable.Range(1, 9).Select(n => n == 1 ? m.Slug : $"{m.Slug}-{n}")).Distinct().ToArray();
        var held = await db.Database.SqlQuery<HeldSlug>($"""
            SELECT slug, kind = {TopicKind.Other} AS joinable FROM topics WHERE slug = ANY({tried})
            UNION ALL SELECT slug, false FROM topic_redirects WHERE slug = ANY({tried})
            """).ToDictionaryAsync(h => h.Slug, h => h.Joinable, ct);
        var slugs = missing.ToDictionary(
            m => m.Key,
            m => Enumerable.Range(1, 9).Select(n => n == 1 ? m.Slug : $"{m.Slug}-{n}").First(s => !held.TryGetValue(s, out var joinable) || joinable));

        // Sorted, so that concurrent posts take the unique-index locks in one order and cannot deadlock.
        var created = missing.DistinctBy(m => slugs[m.Key]).OrderBy(m => slugs[m.Key], StringComparer.Ordinal).ToList();
        var newSlugs = created.Select(m => slugs[m.Key]).ToArray();
        var newNames = created.Select(m => m.Label.Trim()).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            WITH created AS (
                INSERT INTO topics (slug, name, kind)
                SELECT slug, name, {TopicKind.Other} FROM unnest({newSlugs}::text[], {newNames}::text[]) AS t(slug, name)
                ON CONFLICT (slug) DO NOTHING
                RETURNING slug)
            INSERT INTO event_queue (type, subject) SELECT {EventTypes.TopicCreated}, slug FROM created ORDER BY slug
            """, ct);
        var bySlug = await db.Topics.AsNoTracking().Where(t => newSlugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, t => t.Id, ct);

        var named = missing.DistinctBy(m => m.Key).OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO topic_names (topic_id, text, key, latin_key, languages, cased)
            SELECT *, ARRAY[]::text[], false FROM unnest({named.Select(m => bySlug[slugs[m.Key]]).ToArray()}::integer[], {named.Select(m => m.Label.Trim()).ToArray()}::text[],
                {named.Select(m => m.Key).ToArray()}::text[], {named.Select(m => NameKey.Latin(m.Label)).ToArray()}::text[])
            ON CONFLICT DO NOTHING
            """, ct);
        foreach (var m in missing)
        {
            ids[m.Label] = bySlug[slugs[m.Key]];
        }

        return ids;
    }

    private sealed record HeldSlug(string Slug, bool Joinable);

    private sealed record TopicKindRow(int Id, string Kind);

    private sealed record MovedName(string Text, string Key, string LatinKey, string[] Languages, bool Cased);

    /// <summary>
    /// The topic a <c>topic=</c> filter names (<see cref="TopicResolver"/>, stems of every language),
    /// or null when none does: a name or slug is read from the database, so a merge made a moment
    /// ago on another instance already holds here.
    /// </summary>
    public async Task<int?> FindAsync(string text, CancellationToken ct)
    {
        var key = NameKey.Fold(text);
        var slug = TopicResolver.SlugOf(text) ?? "";
        var byName = await db.Database.SqlQuery<int?>($"""
            SELECT coalesce(
                (SELECT topic_id FROM topic_names WHERE key = {key} LIMIT 1),
                (SELECT id FROM topics WHERE slug = {slug}),
                (SELECT topic_id FROM topic_redirects WHERE slug = {slug})) AS "Value"
            """).SingleAsync(ct);
        if (byName is not null)
        {
            return byName;
        }

        var index = await subjects.GetAsync(ct);
        await lexicon.LearnAsync(db, TopicResolver.WordsToStem(index, text, null), ct);
        if (TopicResolver.ByStems(index, text, null, lexicon.Of) is not { } id)
        {
            return null;
        }

        // The index may predate a merge of that topic; its slug then leads on.
        var current = await db.Topics.Where(t => t.Id == id).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct);
        return current ?? await db.TopicRedirects.Where(r => r.Slug == index.Topics[id].Slug).Select(r => (int?)r.TopicId).SingleOrDefaultAsync(ct);
    }

    /// <summary>A registry write: one unit of work, after whose commit this instance's index is built again.</summary>
    private async Task<WriteOutcome> RegistryWriteAsync(WriteContext writer, object request, Func<CancellationToken, Task<WriteOutcome>> work, CancellationToken ct)
    {
        var outcome = await unitOfWork.RunAsync(writer, request, async ct =>
        {
            var result = await work(ct);
            if (result.Status < 300)
            {
                await NotifyAsync(RegistryChannel, ct);
            }

            return result;
        }, ct);
        subjects.Invalidate();
        return outcome;
    }

    /// <summary>A topic's id by slug, or the 308 to the topic it was merged into (path continued by <paramref name="then"/>); 404 otherwise.</summary>
    private async Task<(int? Id, WriteOutcome? Moved)> TopicIdAsync(string slug, string then, CancellationToken ct)
    {
        if (await db.Topics.Where(t => t.Slug == slug).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct) is { } id)
        {
            return (id, null);
        }

        return await MergedIntoAsync(slug, ct) is { } merged
            ? (null, new WriteOutcome(StatusCodes.Status308PermanentRedirect, null, $"/api/topics/{merged}/{then}"))
            : throw new ApiProblemException(StatusCodes.Status404NotFound, "Not Found", $"There is no topic '{slug}'.");
    }

    private static TopicName NameOf(string text, IEnumerable<string> languages, bool? cased) => new()
    {
        Text = text.Trim(),
        Key = NameKey.Fold(text),
        LatinKey = NameKey.Latin(text),
        Languages = [.. languages.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        Cased = cased ?? MentionFinder.IsWrittenInCapitals(text.Trim()),
    };

    private static IEnumerable<string> Languages(TopicAliasRequest alias) => (alias.Languages ?? []).Select(l => l!.ToLowerInvariant());

    /// <summary>409 when a name belongs to another topic than <paramref name="topicId"/>.</summary>
    private async Task EnsureNamesFreeAsync(List<TopicName> names, int? topicId, CancellationToken ct)
    {
        var keys = names.Select(n => n.Key).ToList();
        var taken = await db.TopicNames.Where(n => keys.Contains(n.Key) && n.TopicId != topicId)
            .Join(db.Topics, n => n.TopicId, t => t.Id, (n, t) => new { n.Text, t.Slug })
            .FirstOrDefaultAsync(ct);
        if (taken is not null)
        {
            throw ApiProblemException.Conflict($"The name '{taken.Text}' already belongs to {taken.Slug}.");
        }
    }

    /// <summary>
    /// Marks for <see cref="SubjectRereader"/> the readouts that new names may be found in: in the
    /// names' languages, whose call's words include the name (for scripts without spaces, whose
    /// text holds it).
    /// </summary>
    private async Task RereadWhereFoundAsync(IReadOnlyCollection<TopicName> names, CancellationToken ct)
    {
        var searched = names.SelectMany(n => n.Languages.Select(l => (Language: l, n.Text))).ToList();
        if (searched.Count == 0)
        {
            return;
        }

        var stemmed = searched.Where(s => MentionFinder.ModeOf(s.Language) == MentionMode.Words).ToList();
        var unspaced = searched.Where(s => MentionFinder.ModeOf(s.Language) != MentionMode.Words).ToList();
        var languages = stemmed.Select(s => s.Language).Distinct().ToArray();
        var configs = stemmed.Select(s => SearchLanguages.ConfigurationFor(s.Language)).ToArray();
        var texts = stemmed.Select(s => s.Text).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE readouts r SET subjects_stale = true
            FROM calls c
            WHERE c.id = r.call_id AND NOT r.subjects_stale AND split_part(r.language, '-', 1) = ANY({languages})
                AND c.search_vector @@ (
                    SELECT string_agg('(' || q::text || ')', ' | ')::tsquery
                    FROM unnest({configs}::text[], {texts}::text[]) AS n(config, text), phraseto_tsquery(n.config::regconfig, n.text) AS q
                    WHERE numnode(q) > 0)
            """, ct);
        foreach (var (language, text) in unspaced)
        {
            var pattern = $"%{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
            await db.Database.ExecuteSqlAsync($"""
                UPDATE readouts r SET subjects_stale = true
                WHERE NOT r.subjects_stale AND split_part(r.language, '-', 1) = {language} AND r.call_id IS NOT NULL
                    AND (r.title ILIKE {pattern} OR r.body ILIKE {pattern} OR EXISTS (SELECT 1 FROM statements s WHERE s.readout_id = r.id AND s.text ILIKE {pattern}))
                """, ct);
        }

        await NotifyAsync(RereadChannel, ct);
    }

    private Task<int> NotifyAsync(string channel, CancellationToken ct) => db.Database.ExecuteSqlAsync($"SELECT pg_notify({channel}, '')", ct);

    private async Task SaveOrConflictAsync(string detail, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation })
        {
            throw ApiProblemException.Conflict(detail);
        }
    }

    /// <summary>Topics by slug as GET answers them, with every name (the English name first, then in the order added).</summary>
    private async Task<Dictionary<string, TopicResponse>> ResponsesAsync(IReadOnlyCollection<string> slugs, CancellationToken ct) =>
        (await db.Topics.AsNoTracking().Where(t => slugs.Contains(t.Slug))
            .Select(t => new
            {
                t.Slug,
                t.Name,
                t.Kind,
                t.Wikidata,
                t.Country,
                Names = t.Names.OrderBy(n => n.Text != t.Name).ThenBy(n => n.Id).Select(n => new TopicAlias(n.Text, n.Languages, n.Cased)).ToList(),
            })
            .ToListAsync(ct))
        .ToDictionary(t => t.Slug, t => new TopicResponse(t.Slug, t.Name, t.Kind, t.Wikidata, t.Country?.Trim(), t.Names));
}
