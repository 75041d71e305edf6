using OpenQA.Selenium;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Browser;

/// <summary>
/// The pages in a real browser (headless Chromium): what a reader sees of the seed call, where its
/// links and the search form lead, and that markup in a readout stays text.
/// </summary>
public sealed class PageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string Describe(IEnumerable<IWebElement> elements) =>
        string.Join(" | ", elements.Select(e => e.GetAttribute("outerHTML") is { } html && html.Length > 160 ? html[..160] + "…" : e.GetAttribute("outerHTML")));

    [Fact]
    public void The_seed_call_shows_the_kremlins_russian_account_and_the_presidencys_turkish_one_side_by_side_with_ukraine_marked_shared()
    {
        browser.Open($"/calls/{browser.SeedCallId}");

        var columns = browser.Driver.FindElements(By.CssSelector("section.account"));
        Assert.True(columns.Count == 2, $"The seed call's page has {columns.Count} account columns, not 2 (the Kremlin's and the Presidency's): {string.Join(", ", columns.Select(c => c.FindElement(By.TagName("h2")).Text))}");
        Assert.True(
            browser.Driver.FindElements(By.CssSelector("section.account[aria-labelledby='source-kremlin'] article.readout[lang='ru']")).Count == 1,
            "The Kremlin's column holds no article.readout[lang=ru]: its Russian account is missing or not marked as Russian.");
        Assert.True(
            browser.Driver.FindElements(By.CssSelector("section.account[aria-labelledby='source-iletisim'] article.readout[lang='tr']")).Count == 1,
            "The Presidency's column holds no article.readout[lang=tr]: its Turkish account is missing or not marked as Turkish.");
        foreach (var column in columns)
        {
            Assert.True(column.Displayed, $"The column {column.FindElement(By.TagName("h2")).Text} is not displayed.");
        }

        var subjects = browser.Driver.FindElements(By.CssSelector("ul.marks .mark"));
        var shared = subjects.Where(s => s.GetAttribute("class")!.Split(' ').Contains("shared")).ToList();
        Assert.True(
            shared.Any(s => s.Text.Contains("Ukraine", StringComparison.Ordinal) && s.Displayed),
            $"Ukraine is not shown as a shared subject (.mark.shared) of the seed call; its subjects: {Describe(subjects)}");
        // The side-by-side part too: the "By subject" section says Ukraine is shared.
        var ukraine = browser.Driver.FindElements(By.CssSelector("section.subject[aria-labelledby='subject-ukraine'] h3 .mark.shared"));
        Assert.True(ukraine.Count == 1 && ukraine[0].Text == "shared", $"The \"By subject\" section does not mark Ukraine shared: {Describe(ukraine)}");
    }

    [Fact]
    public void Following_vladimir_putins_link_in_the_call_heading_reaches_his_page_with_a_chart_of_calls_per_month()
    {
        browser.Open($"/calls/{browser.SeedCallId}");
        var links = browser.Driver.FindElements(By.CssSelector("h1 a"));
        var putin = links.FirstOrDefault(a => a.Text == "Vladimir Putin")
            ?? throw new Xunit.Sdk.XunitException($"The call's heading has no link to Vladimir Putin: {Describe(links)}");

        putin.Click();

        browser.WaitFor(_ => browser.CurrentPath == "/leaders/vladimir-putin", "Clicking Vladimir Putin in the call's heading leads to /leaders/vladimir-putin");
        var heading = browser.Driver.FindElement(By.TagName("h1")).Text;
        Assert.True(heading == "Vladimir Putin", $"The leader's page is headed \"{heading}\", not \"Vladimir Putin\".");
        var charts = browser.Driver.FindElements(By.CssSelector("figure.chart svg"));
        Assert.True(charts.Count == 1, $"The leader's page has {charts.Count} charts (figure.chart svg), not 1.");
        var bars = charts[0].FindElements(By.CssSelector("rect.bar"));
        Assert.True(bars.Count > 0, "The leader's chart has no bar (rect.bar), though he has the seed call.");
        Assert.True(charts[0].Size.Width > 100 && charts[0].Size.Height > 20, $"The chart is drawn {charts[0].Size.Width}×{charts[0].Size.Height} px: too small to read.");
    }

    [Theory]
    [InlineData("barış")]
    [InlineData("Стамбул")]
    public void The_search_form_on_the_front_page_finds_the_seed_call_by_a_word_of_its_text(string word)
    {
        browser.Open("/");
        var q = browser.Driver.FindElement(By.Id("q"));
        q.SendKeys(word);
        Assert.True(q.GetAttribute("value") == word, $"Typing \"{word}\" left the search box holding \"{q.GetAttribute("value")}\".");

        browser.Driver.FindElement(By.CssSelector("form.search button[type='submit']")).Click();

        browser.WaitFor(_ => new Uri(browser.Driver.Url).Query.Contains("q=", StringComparison.Ordinal), $"Submitting the search form with \"{word}\" loads /?q=…");
        var seed = $"/calls/{browser.SeedCallId}";
        var rows = browser.Driver.FindElements(By.CssSelector("table.calls tbody tr"));
        var found = rows.SelectMany(r => r.FindElements(By.TagName("a"))).Any(a => a.GetAttribute("href") is { } href && new Uri(href).AbsolutePath == seed);
        var errors = browser.Driver.FindElements(By.CssSelector(".errors"));
        Assert.True(found, $"Searching for \"{word}\" found no row linking to {seed} ({rows.Count} rows: {string.Join(" | ", rows.Select(r => r.Text))}){(errors.Count > 0 ? $"; the page says: {errors[0].Text}" : "")}.");
        Assert.True(browser.Driver.FindElement(By.Id("q")).GetAttribute("value") == word, "The results page does not keep the word in the search box.");
    }

    [Fact]
    public async Task A_readout_with_markup_in_its_title_and_body_is_shown_as_text_and_runs_no_script()
    {
        const string Title = "Call <img src=x onerror=\"window.readoutsPwned = true\"> of the leaders";
        const string Script = "<script>window.readoutsPwned = true</script>";
        var posted = await browser.Writer.PostReadoutAsync(
            TestData.Readout(await browser.Writer.NewSourceAsync("markup"), TestData.NewDate(), "Recep Tayyip Erdoğan", "Vladimir Putin") with
            {
                Title = Title,
                Body = $"The leaders discussed {Script} bilateral relations.",
            });

        // With the page's CSP switched off, so that it is the escaping that is tested: the CSP
        // (script-src 'self') would stop an inline script even if the markup got through.
        browser.Cdp("Page.setBypassCSP", new() { ["enabled"] = true });
        try
        {
            browser.Open($"/calls/{posted.CallId}");

            var readout = browser.Driver.FindElement(By.CssSelector("article.readout"));
            var heading = readout.FindElement(By.TagName("h3")).Text;
            Assert.True(heading == Title, $"The readout's title is shown as \"{heading}\", not literally as \"{Title}\".");
            var text = readout.FindElement(By.CssSelector(".text")).Text;
            Assert.True(text.Contains(Script, StringComparison.Ordinal), $"The readout's body does not show \"{Script}\" literally: \"{text}\".");

            Assert.True(
                browser.Script("return typeof window.readoutsPwned;") as string == "undefined",
                "window.readoutsPwned is set: markup from a readout ran as script.");
            var images = Convert.ToInt64(browser.Script("return document.querySelectorAll('img').length;"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(images == 0, $"The page has {images} img elements: the title's <img> was made an element.");
            var scripts = Convert.ToInt64(browser.Script("return document.querySelectorAll('script').length;"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(scripts == 0, $"The page has {scripts} script elements (pages have none of their own): the body's <script> was made an element.");
        }
        finally
        {
            browser.Cdp("Page.setBypassCSP", new() { ["enabled"] = false });
        }
    }
}
