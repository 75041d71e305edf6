using System.Text;
using System.Text.Json;

namespace Readouts.Api.Tests.Browser;

/// <summary>
/// axe-core (tests/Browser/package.json, at its locked version) on every kind of page, in the
/// light and the dark colour scheme (site.css has a palette for each): no violation of impact
/// serious or critical.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(BrowserPaths.AxeScript()));

    /// <summary>{seed} stands for the seed call's id.</summary>
    public static TheoryData<string, string> Pages()
    {
        var pages = new TheoryData<string, string>();
        foreach (var scheme in new[] { "light", "dark" })
        {
            foreach (var page in new[] { "/", "/calls/{seed}", "/leaders/vladimir-putin", "/topics/ukraine", "/calls/999999999" })
            {
                pages.Add(page, scheme);
            }
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void The_page_has_no_serious_or_critical_accessibility_violation_in_axe(string page, string scheme)
    {
        var path = page.Replace("{seed}", browser.SeedCallId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        browser.EmulateColourScheme(scheme);
        browser.Open(path);
        var seen = browser.Script("return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';") as string;
        Assert.True(seen == scheme, $"{path} sees prefers-color-scheme {seen}, not {scheme}: the emulation did not take.");
        if (path.EndsWith("/999999999", StringComparison.Ordinal))
        {
            Assert.Equal("Not found", browser.Driver.FindElement(OpenQA.Selenium.By.TagName("h1")).Text);
        }

        browser.Script(Axe.Value);
        var json = browser.Driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
                .then(results => done(JSON.stringify(results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({ target: n.target, html: n.html, summary: n.failureSummary })),
                })))))
                .catch(e => done(JSON.stringify({ error: String(e) })));
            """) as string ?? throw new Xunit.Sdk.XunitException($"axe.run on {path} gave no answer.");

        using var results = JsonDocument.Parse(json);
        if (results.RootElement.ValueKind == JsonValueKind.Object)
        {
            throw new Xunit.Sdk.XunitException($"axe.run failed on {path}: {results.RootElement.GetProperty("error").GetString()}");
        }

        var grave = results.RootElement.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .ToList();
        if (grave.Count == 0)
        {
            return;
        }

        var message = new StringBuilder($"axe found {grave.Count} serious or critical violation(s) on {path} in the {scheme} colour scheme:");
        foreach (var violation in grave)
        {
            message.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n- {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}): {violation.GetProperty("help").GetString()} <{violation.GetProperty("helpUrl").GetString()}>");
            foreach (var node in violation.GetProperty("nodes").EnumerateArray())
            {
                var html = node.GetProperty("html").GetString() ?? "";
                message.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n    {node.GetProperty("target")}: {(html.Length > 300 ? html[..300] + "…" : html)}");
                if (node.GetProperty("summary").GetString() is { Length: > 0 } summary)
                {
                    message.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n      {summary.ReplaceLineEndings("\n      ")}");
                }
            }
        }

        throw new Xunit.Sdk.XunitException(message.ToString());
    }
}
