using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Readouts.Api.Tests.Clients;
using Readouts.Api.Tests.Infrastructure;
using Xunit.Sdk;

namespace Readouts.Api.Tests.Browser;

/// <summary>
/// The real application on Kestrel (a port of the system's choosing, its own PostgreSQL database)
/// holding the seed call's two accounts, and one headless Chromium driven through chromedriver,
/// for one test class. Chromium and chromedriver are READOUTS_CHROMIUM and READOUTS_CHROMEDRIVER
/// when set (scripts/lib/browser.sh sets them), else Debian's in /usr/bin, else the first on PATH;
/// Selenium Manager is never asked for (it would download).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    private readonly ReadoutsApiFactory api = new();
    private WebApplicationFactory<Program>? host;
    private ChromeDriverService? service;
    private ChromeDriver? driver;
    private string? profile;
    private bool disposed;

    /// <summary>The app's address, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string Address { get; private set; } = "";

    /// <summary>A client of the app on Kestrel that sends the write key.</summary>
    public HttpClient Writer { get; private set; } = null!;

    /// <summary>The call the seed article's accounts (SampleLoader's readouts.json) are linked to.</summary>
    public long SeedCallId { get; private set; }

    public ChromeDriver Driver => driver ?? throw new InvalidOperationException("The browser has not been started.");

    public async Task InitializeAsync()
    {
        await api.InitializeAsync();
        // As GeneratedClientTests: UseKestrel(0) on a WithWebHostBuilder factory still binds 5000.
        host = api.WithWebHostBuilder(builder => builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0"));
        host.UseKestrel();
        host.StartServer();
        Address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        Writer = new HttpClient { BaseAddress = new Uri(Address) };
        Writer.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey);
        Writer.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        // The factory runs with Samples:Load false; the seed goes in as the other tests post it.
        SeedCallId = await Writer.PostSamplesAsync();
        StartBrowser();
    }

    private void StartBrowser()
    {
        var chromium = BrowserPaths.Chromium();
        var chromedriver = BrowserPaths.Chromedriver();
        profile = Directory.CreateTempSubdirectory("readouts-chromium-").FullName;

        // An explicit driver path and browser location: Selenium Manager is not consulted.
        service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(chromedriver)!, Path.GetFileName(chromedriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        // Without the background-networking flags Chromium's own connections are refused on a
        // closed network, and its start waits on them; --no-sandbox because CI runs as root.
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,1024", "--lang=en-US", $"--user-data-dir={profile}");
        try
        {
            driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        }
        catch (WebDriverException e)
        {
            throw new InvalidOperationException(
                $"Chromium ({chromium}) did not start under chromedriver ({chromedriver}); a driver drives its own major version of the browser only: {e.Message}", e);
        }

        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
    }

    /// <summary>Loads a page of the app (a path such as /calls/1) and waits for its load event.</summary>
    public void Open(string path) => Driver.Navigate().GoToUrl(Address + path);

    /// <summary>The path of the page the browser is on, e.g. /leaders/vladimir-putin.</summary>
    public string CurrentPath => new Uri(Driver.Url).AbsolutePath;

    /// <summary>Waits until <paramref name="condition"/> gives a value other than null or false; fails saying <paramref name="what"/> never happened.</summary>
    public T WaitFor<T>(Func<IWebDriver, T> condition, string what)
    {
        try
        {
            return new WebDriverWait(Driver, WaitLimit).Until(condition);
        }
        catch (WebDriverTimeoutException)
        {
            throw new XunitException($"{what}: not so after {WaitLimit.TotalSeconds:0} s (the browser is at {Driver.Url}, titled \"{Driver.Title}\").");
        }
    }

    public object? Script(string script, params object[] arguments) => Driver.ExecuteScript(script, arguments);

    /// <summary>Sends a Chrome DevTools Protocol command to the page's target through chromedriver.</summary>
    public void Cdp(string command, Dictionary<string, object?> parameters) => Driver.ExecuteCdpCommand(command, parameters);

    /// <summary>prefers-color-scheme as the page sees it from now on ("light" or "dark"), across navigations.</summary>
    public void EmulateColourScheme(string scheme) => Cdp("Emulation.setEmulatedMedia", new()
    {
        ["features"] = new object[] { new Dictionary<string, object> { ["name"] = "prefers-color-scheme", ["value"] = scheme } },
    });

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Quits the browser, stops the app and drops its database; once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            driver?.Quit();
        }
        finally
        {
            driver?.Dispose();
            service?.Dispose();
            if (profile is not null)
            {
                try
                {
                    Directory.Delete(profile, recursive: true);
                }
                catch (IOException)
                {
                    // Chromium's last writes may still be landing; the directory is a temporary one.
                }
            }

            Writer?.Dispose();
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }
}

/// <summary>Where the browser and its driver are: the environment's choice, Debian's, or PATH's.</summary>
internal static class BrowserPaths
{
    public static string Chromium() => Find("READOUTS_CHROMIUM", "Chromium", "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome");

    public static string Chromedriver() => Find("READOUTS_CHROMEDRIVER", "chromedriver", "/usr/bin/chromedriver", "chromedriver");

    /// <summary>axe-core as npm ci installs it from tests/Browser/package-lock.json.</summary>
    public static string AxeScript()
    {
        var path = Path.Combine(GeneratedClientTests.RepositoryRoot(), "tests", "Browser", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: run \"npm ci --no-audit --no-fund\" in tests/Browser (scripts/test.sh does).");
    }

    private static string Find(string variable, string what, params string[] candidates)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : throw new InvalidOperationException($"{variable} is {given}, which does not exist.");
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var candidate in candidates)
        {
            var found = Path.IsPathRooted(candidate)
                ? (File.Exists(candidate) ? candidate : null)
                : path.Select(dir => Path.Combine(dir, candidate)).FirstOrDefault(File.Exists);
            if (found is not null)
            {
                return found;
            }
        }

        throw new InvalidOperationException(
            $"{what} not found ({string.Join(", ", candidates)}). Install Debian's \"chromium chromium-driver\" (scripts/test.sh does, with apt-get), " +
            $"or put Chrome/Chromium and a chromedriver of its version on PATH, or set {variable}.");
    }
}
