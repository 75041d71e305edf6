using System.Net;
using System.Net.Http.Json;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Readouts;

/// <summary>
/// A post's 201 is built from what was inserted rather than read back, so it must show exactly
/// what a GET of the readout shows: the stored spellings, the normalised values, the precision
/// PostgreSQL keeps.
/// </summary>
public sealed class PostAnswerTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    [Fact]
    public async Task A_post_answers_with_the_readout_exactly_as_GET_then_shows_it()
    {
        var client = api.CreateWriter();
        var presidency = await client.NewSourceAsync("presidency");
        var kremlin = await client.NewSourceAsync("kremlin");
        var date = TestData.NewDate();
        var topic = $"Grain corridor {Guid.NewGuid():N}";
        // The topic's first spelling is the one stored; the second side spells it otherwise.
        await client.PostReadoutAsync(TestData.Readout(presidency, date.AddDays(-2), "Erdoğan", "Putin") with { Topics = [topic] });

        var first = TestData.Readout(presidency, date, "recep-tayyip-erdogan", "Vladimir Putin") with
        {
            Language = "EN-gb",
            Title = "  Phone call with President Putin  ",
            PublishedAt = new DateTimeOffset(2025, 11, 24, 21, 5, 7, TimeSpan.FromHours(3)).AddTicks(1_234_567),
            Topics = ["Ukraine", topic.ToUpperInvariant()],
            Statements =
            [
                new StatementRequest { Speaker = "Erdoğan", Text = "Türkiye will continue its efforts." },
                new StatementRequest { Speaker = null, Text = "They agreed to stay in touch." },
                new StatementRequest { Speaker = "vladimir-putin", Text = "Russia is open to talks." },
            ],
        };
        var second = TestData.Readout(kremlin, date.AddDays(1), "Путин", "Эрдоган") with
        {
            Language = "ru",
            Topics = [topic.ToLowerInvariant(), "Украина"],
            Statements = [new StatementRequest { Speaker = "Путин", Text = "Россия открыта для переговоров." }],
        };

        foreach (var (what, request) in new[] { ("a new call's first side", first), ("the side joining it", second) })
        {
            var posted = await client.PostAsJsonAsync("/api/readouts", request);
            await posted.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var postedJson = await posted.Content.ReadAsStringAsync();
            var id = (await posted.Content.ReadFromJsonAsync<ReadoutResponse>())!.Id;

            var read = await client.GetAsync($"/api/readouts/{id}");
            await read.ShouldHaveStatusAsync(HttpStatusCode.OK);
            Assert.True(postedJson == await read.Content.ReadAsStringAsync(),
                $"The 201 for {what} differs from GET /api/readouts/{id}:\n  posted: {postedJson}\n  GET:    {await read.Content.ReadAsStringAsync()}");
            Assert.Equal(read.Headers.ETag, posted.Headers.ETag);
        }
    }
}
