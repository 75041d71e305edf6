using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Readouts;

/// <summary>
/// Posts that arrive at the same moment are written together, in one transaction; each must
/// still get the answer it would get alone.
/// </summary>
public sealed class SimultaneousPostTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private const string SecondDesk = "second-desk";

    [Fact]
    public async Task Posts_sent_at_the_same_moment_are_each_answered_as_if_sent_alone()
    {
        using var twoKeys = api.WithWebHostBuilder(b => b.UseSetting("ApiKeys:1:Name", SecondDesk).UseSetting("ApiKeys:1:Key", "second-key"));
        var client = twoKeys.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);
        var secondDesk = twoKeys.CreateClient();
        secondDesk.DefaultRequestHeaders.Add("X-Api-Key", "second-key");
        var presidency = await client.NewSourceAsync("presidency");
        var kremlin = await client.NewSourceAsync("kremlin");
        var start = TestData.NewDate();
        var storedRequest = TestData.Readout(presidency, start.AddDays(-1), "Erdoğan", "Putin");
        var stored = await client.PostReadoutAsync(storedRequest);
        var usedKey = Guid.NewGuid().ToString();
        await (await client.PostWithKeyAsync("/api/readouts", TestData.Readout(presidency, start.AddDays(-3), "Erdoğan", "Putin"), usedKey))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        var newKey = Guid.NewGuid().ToString();
        var keyed = TestData.Readout(kremlin, start.AddDays(-6), "Путин", "Эрдоган");

        // Ten calls, both sides of each, three days apart so that no readout may join a neighbour.
        var sides = Enumerable.Range(0, 10).SelectMany(i => new[]
        {
            TestData.Readout(presidency, start.AddDays(-9 - (3 * i)), "Erdoğan", "Putin"),
            TestData.Readout(kremlin, start.AddDays(-9 - (3 * i)), "Путин", "Эрдоган"),
        }).ToList();
        var posts = new List<(string What, Func<Task<HttpResponseMessage>> Send)>();
        posts.AddRange(sides.Select((side, i) => ($"side {i}", (Func<Task<HttpResponseMessage>>)(() => client.PostAsJsonAsync("/api/readouts", side)))));
        posts.Add(("invalid", () => client.PostAsJsonAsync("/api/readouts", storedRequest with { Url = "https://example.org/other", Title = "" })));
        posts.Add(("resend", () => client.PostAsJsonAsync("/api/readouts", storedRequest)));
        posts.Add(("changed resend", () => client.PostAsJsonAsync("/api/readouts", storedRequest with { Body = "Another account of it." })));
        posts.Add(("new key", () => client.PostWithKeyAsync("/api/readouts", keyed, newKey)));
        posts.Add(("new key again", () => client.PostWithKeyAsync("/api/readouts", keyed, newKey)));
        posts.Add(("used key", () => client.PostWithKeyAsync("/api/readouts", TestData.Readout(presidency, start.AddDays(-4), "Erdoğan", "Putin"), usedKey)));
        var contested = TestData.Readout(kremlin, start.AddDays(-5), "Путин", "Эрдоган");
        posts.Add(("contested url", () => client.PostAsJsonAsync("/api/readouts", contested)));
        posts.Add(("contested url, other text", () => client.PostAsJsonAsync("/api/readouts", contested with { Body = "Another account of it." })));
        posts.Add(("second desk", () => secondDesk.PostWithKeyAsync("/api/readouts", TestData.Readout(kremlin, start.AddDays(-3), "Путин", "Эрдоган"), newKey)));

        var answers = posts.Select(p => p.What).Zip(await TestData.SendAllAtOnceAsync(posts.Select(p => p.Send))).ToDictionary(a => a.First, a => a.Second);

        var linked = new List<ReadoutResponse>();
        for (var i = 0; i < sides.Count; i++)
        {
            await answers[$"side {i}"].ShouldHaveStatusAsync(HttpStatusCode.Created);
            linked.Add((await answers[$"side {i}"].Content.ReadFromJsonAsync<ReadoutResponse>())!);
        }

        var calls = linked.GroupBy(r => r.CallId).ToList();
        Assert.True(calls.Count == 10 && calls.All(c => c.Count() == 2),
            $"Expected 10 calls of both sides, got: {string.Join("; ", calls.Select(c => $"call {c.Key}: {string.Join(", ", c.Select(r => $"{r.Source} {r.CallDate}"))}"))}");
        for (var i = 0; i < sides.Count; i++)
        {
            Assert.Equal(sides[i].Url, linked[i].Url);
            Assert.Equal($"/api/readouts/{linked[i].Id}", answers[$"side {i}"].Headers.Location?.ToString());
        }

        Assert.NotEmpty((await answers["invalid"].ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("title"));
        await answers["resend"].ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(stored.Id, (await answers["resend"].Content.ReadFromJsonAsync<ReadoutResponse>())!.Id);
        await answers["changed resend"].ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await answers["used key"].ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        // Whichever came first is stored; the other is told which readout has its URL, as if sent after it.
        var contest = new[] { answers["contested url"], answers["contested url, other text"] };
        var winner = Assert.Single(contest, a => a.StatusCode == HttpStatusCode.Created);
        var winnerId = (await winner.Content.ReadFromJsonAsync<ReadoutResponse>())!.Id;
        var loser = await contest.Single(a => a != winner).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.StartsWith($"Readout {winnerId} already has this source and URL", loser.GetProperty("detail").GetString());

        await answers["new key"].ShouldHaveStatusAsync(HttpStatusCode.Created);
        await answers["new key again"].ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.True(answers["new key"].Headers.Contains("Idempotent-Replayed") != answers["new key again"].Headers.Contains("Idempotent-Replayed"),
            "Of two posts with one Idempotency-Key, exactly one should be a replay of the other.");
        Assert.Equal(
            (await answers["new key"].Content.ReadFromJsonAsync<ReadoutResponse>())!.Id,
            (await answers["new key again"].Content.ReadFromJsonAsync<ReadoutResponse>())!.Id);

        // Another API key's Idempotency-Key is another request, and its readout is stamped with its name.
        await answers["second desk"].ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.False(answers["second desk"].Headers.Contains("Idempotent-Replayed"), "Another API key's post was replayed.");
        var fromSecondDesk = (await answers["second desk"].Content.ReadFromJsonAsync<ReadoutResponse>())!;
        var history = await client.GetJsonAsync<Page<RevisionSummary>>($"/api/readouts/{fromSecondDesk.Id}/revisions");
        Assert.Equal(SecondDesk, Assert.Single(history.Items).WrittenBy);
    }

    [Fact]
    public async Task A_post_the_database_refuses_fails_alone_and_the_posts_sent_with_it_are_stored()
    {
        // A stand-in for any failure no check foresaw: PostgreSQL refuses one readout outright.
        var poison = $"Poison {Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
                CREATE TRIGGER refuse_poison BEFORE INSERT ON readouts FOR EACH ROW WHEN (NEW.title = '{poison}') EXECUTE FUNCTION refuse_poison();
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        var client = api.CreateWriter();
        var source = await client.NewSourceAsync();
        var start = TestData.NewDate();
        var posts = Enumerable.Range(0, 21).Select(i => TestData.Readout(source, start.AddDays(-3 * i), "Erdoğan", "Putin")).ToList();
        // In the middle, so that it is written with others rather than alone.
        const int Bad = 10;
        posts[Bad] = posts[Bad] with { Title = poison };

        var answers = await TestData.SendAllAtOnceAsync(posts.Select(request => (Func<Task<HttpResponseMessage>>)(() => client.PostAsJsonAsync("/api/readouts", request))));

        await answers[Bad].ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        foreach (var answer in answers.Where((_, i) => i != Bad))
        {
            await answer.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var posted = (await answer.Content.ReadFromJsonAsync<ReadoutResponse>())!;
            await client.GetJsonAsync<ReadoutResponse>($"/api/readouts/{posted.Id}");
        }
    }
}
