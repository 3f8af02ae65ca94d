using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenQA.Selenium;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Orchestrator.Dashboard;

/// <summary>The dashboard's stuck and dead-letter pages, read and driven in a real headless Chromium against the real API.</summary>
public sealed class DeadLetterPageTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_poisoned_deposit_is_shown_stuck_and_dead_lettered_and_its_redrive_from_the_page_completes_the_transfer() =>
        TestStacks.OnEmbeddedAsync(async settings =>
        {
            // The deposit fails twice and is dead-lettered (no redelivery); the redrive is its third attempt, which passes.
            settings["Sagas:Activities:Deposit:Faults:FailFirst"] = "2";
            settings["Sagas:Activities:Deposit:Retry:Immediate"] = "1";
            settings["Sagas:Activities:Deposit:Retry:MaxAttempts"] = "0";
            settings["Sagas:Activities:Deposit:StartToClose"] = "01:00:00";
            settings["Sagas:Workflows:Transfer:StuckAfter"] = "00:00:01";
            await using var api = await ApiHost.StartAsync(settings);
            await InBrowserAsync(async browser =>
            {
                foreach (var (account, balance) in new[] { ("alice", 100m), ("bob", 0m) })
                    (await api.Http.PostAsJsonAsync("/api/accounts", new { accountId = account, balance })).EnsureSuccessStatusCode();
                using var started = await api.Http.PostAsJsonAsync("/api/transfers", new { fromAccount = "alice", toAccount = "bob", amount = 10 });
                Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
                var transferId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transferId").GetGuid();
                var letter = await Eventually.MatchAsync(async () => (await api.Http.GetFromJsonAsync<JsonElement>("/api/errors")).GetProperty("items"),
                    items => items.GetArrayLength() == 1, "the deposit to be dead-lettered", TimeSpan.FromSeconds(60));
                var letterId = letter[0].GetProperty("id").GetString();
                var messageType = letter[0].GetProperty("messageType").GetString()!;
                var reason = letter[0].GetProperty("reason").GetString()!;
                Assert.Equal(transferId, letter[0].GetProperty("correlationId").GetGuid());
                Assert.Contains("Injected fault in Deposit", reason, StringComparison.Ordinal);

                // Waiting on its dead deposit, the transfer is quiet in Depositing: the stuck page lists it.
                browser.Open(new Uri(api.Http.BaseAddress!, "/#/stuck"));
                var stuckRow = By.CssSelector($"[data-testid='stuck-list'] [data-testid='saga-row'][data-id='{transferId}']");
                browser.Until(d => d.FindElement(stuckRow).GetAttribute("data-state"), state => state == "Depositing", "the transfer listed as stuck in Depositing");

                browser.Open(new Uri(api.Http.BaseAddress!, "/#/errors"));
                var row = By.CssSelector($"[data-testid='error-row'][data-id='{letterId}']");
                var cells = browser.Until(d => d.FindElement(row).FindElements(By.CssSelector("td")).Select(c => c.Text).ToList(),
                    texts => texts.Count == 6, "the dead letter's row");
                Assert.Single(browser.Driver.FindElements(By.CssSelector("[data-testid='error-row']")));
                Assert.Equal("deposit_error", cells[1]);
                Assert.Equal(messageType, cells[2]);
                Assert.Contains("Deposit", messageType, StringComparison.Ordinal);
                Assert.Contains(reason, cells[3], StringComparison.Ordinal);
                Assert.Equal(transferId.ToString(), browser.Driver.FindElement(row).FindElement(By.CssSelector("a.id")).GetAttribute("title"));

                // Its details: where it threw, and the message a redrive would send back.
                browser.Driver.FindElement(row).FindElement(By.XPath(".//button[text()='Details']")).Click();
                var detail = await api.Http.GetFromJsonAsync<JsonElement>($"/api/errors/{letterId}");
                var stackTrace = browser.Until(d => Section(d, "Stack trace"), text => text is { Length: > 1 }, "the dead letter's stack trace");
                Assert.Equal(detail.GetProperty("stackTrace").GetString(), stackTrace);
                var body = JsonDocument.Parse(browser.Until(d => Section(d, "Message"), text => text is { Length: > 0 }, "the dead letter's message")!).RootElement;
                Assert.Equal(transferId, body.GetProperty("transferId").GetGuid());
                Assert.Equal("bob", body.GetProperty("account").GetString());

                browser.Driver.FindElement(row).FindElement(By.XPath(".//button[text()='Redrive']")).Click();
                Assert.Contains(messageType, browser.AcceptConfirmation("the redrive's confirmation"), StringComparison.Ordinal);
                browser.Until(d => d.FindElement(By.CssSelector("#view .status")).Text, text => text.Contains("sent back", StringComparison.Ordinal),
                    "the page to say the message was sent back");
                await api.Services.WaitForStateAsync<TransferState>(transferId, "Completed");
                Assert.Equal("Completed", (await api.Http.GetFromJsonAsync<JsonElement>($"/api/sagas/{transferId}")).GetProperty("state").GetString());

                // The page's own Refresh replaces the list: nothing is left in it.
                var before = browser.Driver.FindElement(By.CssSelector("[data-testid='error-list']"));
                browser.Driver.FindElement(By.XPath("//form[@role='search']//button[text()='Refresh']")).Click();
                var list = browser.Until(d => IsGone(before) ? d.FindElement(By.CssSelector("[data-testid='error-list'] tbody")).Text : null,
                    text => text is not null, "the refreshed list of dead letters");
                Assert.Equal("No dead letters.", list);
                Assert.Empty(browser.Driver.FindElements(By.CssSelector("[data-testid='error-row']")));

                // Completed, the transfer is no longer stuck.
                browser.Open(new Uri(api.Http.BaseAddress!, "/#/stuck"));
                browser.TextOf(By.CssSelector("[data-testid='stuck-list'] tbody"), "Nothing is stuck.", "an empty stuck list");
            });
        });

    /// <summary>The text under a heading of the open dead letter's details, as the page shows it.</summary>
    static string? Section(IWebDriver driver, string heading) =>
        driver.FindElement(By.XPath($"//tr[contains(@class,'detail') and not(@hidden)]//h3[text()='{heading}']/following-sibling::pre[1]")).GetDomProperty("textContent");

    static bool IsGone(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
    }

    Task InBrowserAsync(Func<HeadlessChromium, Task> test, [CallerMemberName] string name = "") => HeadlessChromium.RunAsync(output, name, test);
}
