using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenQA.Selenium;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Orchestrator.Dashboard;

/// <summary>The dashboard the orchestrator serves at <c>/</c>, read in a real headless Chromium while sagas move underneath it.</summary>
public sealed class DashboardTests(ITestOutputHelper output) : IAsyncLifetime
{
    const string Expenses = "ExpenseApproval";

    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task The_graph_shows_an_expense_move_from_awaiting_a_decision_to_approved_and_its_page_shows_the_timeline()
    {
        await using var api = await ApiHost.StartAsync(OrchestratorHost.Embedded(_file));
        await InBrowserAsync(async browser =>
        {
            browser.Open(api.Http.BaseAddress!);
            var awaiting = By.CssSelector($"[data-testid='state-count-{Expenses}-AwaitingDecision']");
            var approved = By.CssSelector($"[data-testid='state-count-{Expenses}-Approved']");
            browser.TextOf(awaiting, "0", "an empty AwaitingDecision on the expense graph");
            browser.TextOf(approved, "0", "an empty Approved on the expense graph");
            await AssertGraphIsTheDefinitionAsync(api, browser);

            using var submitted = await api.Http.PostAsJsonAsync("/api/expenses", new { employee = "erin", amount = 42.5m, description = "train" });
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            var expenseId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expenseId").GetGuid();

            browser.TextOf(awaiting, "1", "the submitted expense to be counted in AwaitingDecision");
            Assert.Equal("0", browser.Driver.FindElement(approved).Text);

            using var approval = await api.Http.PostAsJsonAsync($"/api/sagas/{expenseId}/signals/approve", new { by = "boss" });
            Assert.Equal(HttpStatusCode.Accepted, approval.StatusCode);

            browser.TextOf(approved, "1", "the approved expense to be counted in Approved");
            browser.TextOf(awaiting, "0", "AwaitingDecision to be empty again");
            browser.TextOf(By.CssSelector($"[data-testid='workflow-versions-{Expenses}']"), "1 (deployed) · v1: 0 running, 1 ended",
                "the expense counted on the version it started on");

            // The state box links to the list of its instances, and the list to the instance's page.
            browser.Click(By.CssSelector($"[data-testid='state-{Expenses}-Approved']"), "the Approved state");
            browser.Until(d => d.FindElements(By.CssSelector("[data-testid='saga-row']")).Select(r => r.GetAttribute("data-id")).ToList(),
                ids => ids.SequenceEqual([expenseId.ToString()]), "the approved expense alone in the list of approved expenses");
            browser.Click(By.CssSelector($"[data-testid='saga-row'][data-id='{expenseId}'] a"), "the expense's row");

            browser.TextOf(By.CssSelector("[data-testid='saga-state']"), "Approved", "the instance page to show Approved");
            var timeline = browser.Until(
                d => d.FindElements(By.CssSelector("[data-testid='timeline-row']")).Select(r => $"{r.GetAttribute("data-event")}→{r.GetAttribute("data-to")}").ToList(),
                rows => rows.Count >= 2 && rows[^1].EndsWith("→Approved", StringComparison.Ordinal), "a timeline that ends in Approved");
            var history = (await api.Http.GetFromJsonAsync<JsonElement>($"/api/sagas/{expenseId}")).GetProperty("history").EnumerateArray()
                .Select(e => $"{e.GetProperty("event").GetString()}→{e.GetProperty("toState").GetString()}").ToList();
            Assert.Equal(history, timeline);
            Assert.Contains(timeline, row => row.EndsWith("→AwaitingDecision", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task The_schedules_page_lists_a_schedule_with_its_next_fire_time()
    {
        await using var api = await ApiHost.StartAsync(OrchestratorHost.Embedded(_file));
        await InBrowserAsync(async browser =>
        {
            using var created = await api.Http.PostAsJsonAsync("/api/schedules",
                new { name = "morning-report", cron = "30 9 * * *", timeZone = "Europe/Paris", workflow = "DailyReport" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var nextFire = (await api.Http.GetFromJsonAsync<JsonElement>("/api/schedules/morning-report"))
                .GetProperty("nextFireTimes")[0].GetDateTimeOffset();

            browser.Open(new Uri(api.Http.BaseAddress!, "/#/schedules"));
            var row = By.CssSelector("[data-testid='schedule-row'][data-name='morning-report']");
            var shown = browser.Until(d => d.FindElement(row).FindElement(By.CssSelector("[data-testid='schedule-next-fire'] time")).GetAttribute("datetime"),
                text => text is { Length: > 0 }, "the schedule's next fire time");

            Assert.Equal(nextFire, DateTimeOffset.Parse(shown!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(nextFire > DateTimeOffset.UtcNow);
            // The page redraws its table every 2 s, so every read and click is retried when it meets a replaced row.
            var cells = browser.Until(d => d.FindElement(row).FindElements(By.CssSelector("th, td")).Select(c => c.Text).ToList(), c => c.Count >= 5, "the schedule's cells");
            Assert.Equal("morning-report", cells[0]);
            Assert.Equal("DailyReport", cells[1]);
            Assert.Equal("30 9 * * * (Europe/Paris)", cells[2]);
            Assert.Equal("no", cells[4]);

            // Paused from the page: the API agrees, and so does the page after its refresh.
            browser.Click(By.XPath("//tr[@data-name='morning-report']//button[text()='Pause']"), "the Pause button");
            browser.TextOf(By.CssSelector("[data-testid='schedule-row'][data-name='morning-report'] [data-testid='schedule-paused']"), "yes", "the schedule shown paused");
            Assert.Equal("Paused", (await api.Http.GetFromJsonAsync<JsonElement>("/api/schedules/morning-report")).GetProperty("state").GetString());
        });
    }

    /// <summary>Every state and every transition the API reports for the expense workflow is on the page, and nothing else.</summary>
    [Fact]
    public async Task Every_workflows_graph_fits_its_card_and_no_label_covers_a_box_or_another_label()
    {
        await using var api = await ApiHost.StartAsync(OrchestratorHost.Embedded(_file));
        var types = (await api.Http.GetFromJsonAsync<JsonElement>("/api/workflows")).EnumerateArray()
            .Select(w => w.GetProperty("type").GetString()!).Order().ToList();
        await InBrowserAsync(browser =>
        {
            browser.Open(api.Http.BaseAddress!);
            var drawn = browser.Until(d => d.FindElements(By.CssSelector("svg.graph")).Select(g => g.GetAttribute("data-testid")!).Order().ToList(),
                graphs => graphs.Count == types.Count, "a graph for every workflow");
            Assert.Equal(types.Select(t => $"graph-{t}"), drawn);

            // Every graph is as wide as its card at most, and every label (an arrow's events, the
            // line under a state) and every box is clear of every other, measured as the browser drew them.
            var problems = (IReadOnlyCollection<object>)((IJavaScriptExecutor)browser.Driver).ExecuteScript("""
                const problems = [];
                const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
                for (const svg of document.querySelectorAll('svg.graph')) {
                  const name = svg.dataset.testid;
                  if (svg.getBoundingClientRect().width > svg.parentElement.clientWidth + 1) problems.push(`${name} is wider than its card`);
                  const shapes = [
                    ...[...svg.querySelectorAll('a.state rect')].map(r => ({ what: `box ${r.parentElement.dataset.state}`, box: r.getBoundingClientRect() })),
                    ...[...svg.querySelectorAll('g.transition text, text.common')].map(t => ({ what: `label "${t.textContent}"`, box: t.getBoundingClientRect() })),
                  ];
                  for (let i = 0; i < shapes.length; i++)
                    for (let j = i + 1; j < shapes.length; j++)
                      if (overlap(shapes[i].box, shapes[j].box)) problems.push(`${name}: ${shapes[i].what} overlaps ${shapes[j].what}`);
                }
                return problems;
                """)!;
            Assert.Empty(problems.Select(p => p.ToString()));
            return Task.CompletedTask;
        });
    }

    static async Task AssertGraphIsTheDefinitionAsync(ApiHost api, HeadlessChromium browser)
    {
        var workflow = (await api.Http.GetFromJsonAsync<JsonElement>("/api/workflows")).EnumerateArray()
            .Single(w => w.GetProperty("type").GetString() == Expenses);
        var graph = workflow.GetProperty("graph");
        var states = graph.GetProperty("states").EnumerateArray().Select(s => s.GetString()!).Order().ToList();
        var moves = graph.GetProperty("transitions").EnumerateArray()
            .Select(t => $"{t.GetProperty("from").GetString()}→{t.GetProperty("to").GetString()}").Distinct().Order().ToList();
        Assert.Contains("AwaitingDecision→Approved", moves);

        var svg = browser.Driver.FindElement(By.CssSelector($"[data-testid='graph-{Expenses}']"));
        Assert.Equal(states, svg.FindElements(By.CssSelector("a.state")).Select(s => s.GetAttribute("data-state")!).Order().ToList());
        Assert.Equal(moves, svg.FindElements(By.CssSelector("g.transition")).Select(t => $"{t.GetAttribute("data-from")}→{t.GetAttribute("data-to")}").Order().ToList());
    }

    Task InBrowserAsync(Func<HeadlessChromium, Task> test, [CallerMemberName] string name = "") => HeadlessChromium.RunAsync(output, name, test);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var path in new[] { _file, $"{_file}-wal", $"{_file}-shm" })
            File.Delete(path);
        return Task.CompletedTask;
    }
}
