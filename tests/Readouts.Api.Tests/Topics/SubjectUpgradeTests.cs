using Npgsql;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;
using Readouts.Api.Topics;

namespace Readouts.Api.Tests.Topics;

/// <summary>
/// A database of the release before subjects, holding readouts, upgraded by starting the API on it:
/// it keeps its calls and gains the subjects.
/// </summary>
public sealed class SubjectUpgradeTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>, IAsyncLifetime
{
    private const string ReleaseBefore = "20261203071910_DropReadoutSearchVector";

    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await TestDatabase.CreateAtMigrationAsync(ReleaseBefore);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // As that release stored the seed call: labels made topics by their slugs; a readout kept no vector of its own.
        await using var seed = new NpgsqlCommand("""
            INSERT INTO topics (slug, name) VALUES ('ukraina', 'Украина'), ('ukraine', 'Ukraine'), ('us-peace-proposals', 'US peace proposals');
            WITH l AS (SELECT array_agg(id ORDER BY id) AS ids FROM leaders WHERE slug IN ('recep-tayyip-erdogan', 'vladimir-putin'))
            INSERT INTO calls (id, date, leader_key, leader_ids, topic_ids, source_ids, search_vector)
            SELECT 1, DATE '2025-11-24', array_to_string(l.ids, '-'), l.ids,
                ARRAY(SELECT id FROM topics ORDER BY id), ARRAY(SELECT id FROM sources WHERE slug IN ('iletisim', 'kremlin') ORDER BY id), to_tsvector('simple', 'seed')
            FROM l;
            INSERT INTO call_leaders (call_id, leader_id) SELECT 1, unnest(leader_ids) FROM calls WHERE id = 1;
            INSERT INTO readouts (id, call_id, source_id, language, search_config, call_date, title, url, body, content_hash, version, change, updated_by)
            VALUES
                (1, 1, (SELECT id FROM sources WHERE slug = 'kremlin'), 'ru', 'russian', DATE '2025-11-24', 'Телефонный разговор с Президентом Турции',
                 'http://kremlin.ru/upgrade-test', 'Обсуждалась ситуация вокруг Украины. Путин и Эрдоган говорили о России и Турции.', 'old', 1, 'created', 'test'),
                (2, 1, (SELECT id FROM sources WHERE slug = 'iletisim'), 'tr', 'turkish', DATE '2025-11-24', 'Cumhurbaşkanı Erdoğan, Putin ile görüştü',
                 'https://iletisim.gov.tr/upgrade-test', 'Ukrayna''daki durum ele alındı.', 'old', 1, 'created', 'test');
            INSERT INTO readout_topics (readout_id, topic_id)
            SELECT 1, id FROM topics WHERE slug IN ('ukraina', 'us-peace-proposals') UNION ALL SELECT 2, id FROM topics WHERE slug = 'ukraine';
            INSERT INTO statements (readout_id, position, speaker_id, text)
            VALUES (1, 0, (SELECT id FROM leaders WHERE slug = 'vladimir-putin'), 'Россия за урегулирование кризиса вокруг Украины.');
            -- A correction had been made: its first version is kept as that release showed readouts.
            UPDATE readouts SET version = 2, change = 'corrected' WHERE id = 1;
            INSERT INTO readout_revisions (readout_id, number, change, written_at, written_by, snapshot)
            VALUES (1, 1, 'created', now(), 'test', '{"id": 1, "callId": 1, "version": 1, "updatedAt": "2025-11-24T12:00:00+00:00", "source": "kremlin",
                "language": "ru", "callDate": "2025-11-24", "publishedAt": null, "title": "Телефонный разговор", "url": "http://kremlin.ru/upgrade-test",
                "body": "Украина.", "leaders": [], "topics": [{"slug": "ukraina", "name": "Украина"}], "statements": [], "createdAt": "2025-11-24T12:00:00+00:00"}');
            SELECT setval(pg_get_serial_sequence('calls', 'id'), 1), setval(pg_get_serial_sequence('readouts', 'id'), 2);
            """, connection);
        await seed.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => TestDatabase.DropAsync(connectionString);

    [Fact]
    public async Task An_upgraded_database_keeps_its_calls_and_gains_the_subjects_of_their_labels_and_texts()
    {
        using var upgraded = api.WithWebHostBuilder(host => host.UseSetting("ConnectionStrings:Readouts", connectionString));
        var client = upgraded.CreateClient();

        // The labels resolve as the API starts; the texts are read again in the background.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        ReadoutResponse kremlin;
        do
        {
            await Task.Delay(200);
            kremlin = await client.GetJsonAsync<ReadoutResponse>("/api/readouts/1");
        }
        while (kremlin.MentionedTopics.Count == 0 && DateTime.UtcNow < deadline);

        Assert.Equal(["ukraine", "us-peace-proposals"], kremlin.Topics.Select(t => t.Slug).Order(StringComparer.Ordinal));
        var ukraine = kremlin.Topics.Single(t => t.Slug == "ukraine");
        Assert.Equal(("Ukraine", "country"), (ukraine.Name, ukraine.Kind));
        var mention = Assert.Single(kremlin.MentionedTopics);
        Assert.Equal("ukraine", mention.Slug);
        Assert.Equal(["Украины"], mention.Words);

        var comparison = await client.GetJsonAsync<CallComparison>("/api/calls/1/comparison");
        Assert.Equal(["ukraine"], comparison.SharedTopics.Select(t => t.Slug));
        Assert.Contains(comparison.Topics[0].Sources["kremlin"].Statements, s => s.Speaker?.Slug == "vladimir-putin");

        var moved = await upgraded.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/api/topics/ukraina");
        Assert.Equal(System.Net.HttpStatusCode.PermanentRedirect, moved.StatusCode);
        var labelOfItsOwn = await client.GetJsonAsync<TopicResponse>("/api/topics/us-peace-proposals");
        Assert.Equal(("other", "US peace proposals"), (labelOfItsOwn.Kind, labelOfItsOwn.Aliases.Single().Alias));

        // A version stored before subjects answers in today's shape.
        var first = (await client.GetJsonAsync<RevisionResponse>("/api/readouts/1/revisions/1")).Readout!;
        Assert.Empty(first.MentionedTopics);
        Assert.Equal(("ukraina", "country"), (first.Topics[0].Slug, first.Topics[0].Kind));

        foreach (var topic in new[] { "ukraine", "Украина", "Ukrayna", "ukraina" })
        {
            var calls = await client.GetJsonAsync<Page<CallSummary>>($"/api/calls?topic={Uri.EscapeDataString(topic)}");
            Assert.True(calls.Items.Any(c => c.Id == 1), $"?topic={topic} does not find the upgraded call.");
        }
    }
}
