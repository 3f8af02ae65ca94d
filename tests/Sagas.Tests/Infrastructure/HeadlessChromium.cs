using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace Sagas.Tests.Infrastructure;

/// <summary>
/// Debian's chromium driven through its chromium-driver, headless, with a profile of its own. Both paths are
/// given explicitly, so Selenium Manager never tries to download a browser or a driver. Like the servers in
/// <see cref="TestServers"/>, a missing browser fails the test with the reason instead of skipping it.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    readonly string _profile;

    HeadlessChromium(ChromeDriver driver, string profile)
    {
        Driver = driver;
        _profile = profile;
    }

    public static string BrowserPath => Setting("SAGAS_TEST_CHROMIUM", "/usr/bin/chromium");

    public static string DriverPath => Setting("SAGAS_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");

    public ChromeDriver Driver { get; }

    public static HeadlessChromium Start()
    {
        foreach (var (path, what) in new[] { (BrowserPath, "Chromium"), (DriverPath, "chromedriver") })
        {
            if (!File.Exists(path))
                throw new InvalidOperationException(
                    $"{what} is not installed at {path}. Install Debian's chromium and chromium-driver with scripts/browser.sh " +
                    "(scripts/test.sh runs it), or set SAGAS_TEST_CHROMIUM and SAGAS_TEST_CHROMEDRIVER.");
        }

        var profile = Directory.CreateTempSubdirectory("sagas-chromium-").FullName;
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;

        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        // Root on a closed network: no sandbox, and nothing that phones home (updates, sync, QUIC probes).
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=1400,1000", $"--user-data-dir={profile}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);

        try
        {
            return new HeadlessChromium(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)), profile);
        }
        catch
        {
            service.Dispose();
            TryDelete(profile);
            throw;
        }
    }

    /// <summary>Runs a test in a browser of its own; a page that logged errors fails it, and a failure leaves its evidence in the test's output.</summary>
    public static async Task RunAsync(ITestOutputHelper output, string name, Func<HeadlessChromium, Task> test)
    {
        using var browser = Start();
        try
        {
            await test(browser);
            Assert.Empty(browser.ConsoleErrors());
        }
        catch
        {
            output.WriteLine($"Screenshot of the failure: {browser.SaveEvidence(name)}");
            throw;
        }
    }

    public void Open(Uri address) => Driver.Navigate().GoToUrl(address);

    /// <summary>Waits for the page's <c>confirm()</c> and accepts it; returns its question.</summary>
    public string AcceptConfirmation(string what)
    {
        var dialog = Until<IAlert?>(d =>
        {
            try
            {
                return d.SwitchTo().Alert();
            }
            catch (NoAlertPresentException)
            {
                return null;
            }
        }, alert => alert is not null, what)!;
        var question = dialog.Text ?? "";
        dialog.Accept();
        return question;
    }

    /// <summary>Waits until <paramref name="read"/> gives a value <paramref name="accept"/> takes; the page re-renders while it polls, so a vanished element just means "not yet".</summary>
    public T Until<T>(Func<IWebDriver, T> read, Func<T, bool> accept, string what)
    {
        var wait = new WebDriverWait(Driver, Wait) { PollingInterval = TimeSpan.FromMilliseconds(100) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        var last = default(T);
        try
        {
            return wait.Until(driver =>
            {
                last = read(driver);
                return accept(last) ? last : default;
            })!;
        }
        catch (WebDriverTimeoutException exception)
        {
            throw new TimeoutException($"Timed out after {Wait} waiting for {what} (last seen: {last?.ToString() ?? "nothing"}).", exception);
        }
    }

    /// <summary>What the page logged as errors (uncaught exceptions, failed requests) since the last call.</summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        Driver.Manage().Logs.GetLog(LogType.Browser).Where(entry => entry.Level == LogLevel.Severe).Select(entry => entry.Message).ToList();

    /// <summary>Clicks what <paramref name="by"/> finds, finding it again if a refresh replaced it first.</summary>
    public void Click(By by, string what) =>
        Until(d =>
        {
            d.FindElement(by).Click();
            return true;
        }, clicked => clicked, what);

    public string TextOf(By by, string expected, string what) => Until(d => d.FindElement(by).Text, text => text == expected, what);

    /// <summary>A screenshot, the page's HTML and its console next to the test binaries, for a failure's log; returns the screenshot's path.</summary>
    public string SaveEvidence(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var stem = Path.Combine(folder, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Driver.GetScreenshot().SaveAsFile($"{stem}.png");
        File.WriteAllText($"{stem}.html", Driver.PageSource);
        File.WriteAllLines($"{stem}.console.txt", Driver.Manage().Logs.GetLog(LogType.Browser).Select(entry => entry.ToString()));
        return $"{stem}.png";
    }

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            TryDelete(_profile);
        }
    }

    static string Setting(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The browser may still hold a file for a moment; a temp folder left behind is harmless.
        }
    }
}
