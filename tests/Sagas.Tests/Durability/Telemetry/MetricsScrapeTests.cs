using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Telemetry;

/// <summary>
/// The orchestrator's executable on the embedded stack, run as its own process so its meters count
/// only its own work (MassTransit's instruments are process-wide statics, and other tests' hosts share
/// this process): a transfer whose deposit fails once and is retried, an order whose payment is declined and compensated,
/// and a schedule firing every second (Quartz timers); then <c>/metrics</c> is scraped and parsed.
/// </summary>
public sealed partial class MetricsScrapeTests
{
    [Fact]
    public async Task Metrics_count_sagas_by_type_and_expose_durations_lags_and_MassTransits_own_meter()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
        var url = $"http://127.0.0.1:{TestStacks.FreePort()}";
        using var orchestrator = new ServiceProcess("Sagas.Orchestrator.dll", new Dictionary<string, string>
        {
            ["ConnectionStrings__Sagas"] = $"Data Source={file}",
            ["Urls"] = url,
            ["Sagas__Scheduler__IdleWaitTime"] = "00:00:01",
            // The deposit fails its first attempt, and an immediate retry does it.
            ["Sagas__Activities__Deposit__Faults__FailFirst"] = "1",
            ["Sagas__Activities__Deposit__Retry__Immediate"] = "1",
        });
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        try
        {
            orchestrator.Start();
            await Eventually.TrueAsync(async () => await ReadyAsync(http), "the orchestrator to be ready", TimeSpan.FromSeconds(60));

            await PostAsync(http, "/api/accounts", new { accountId = "alice", balance = 100 });
            await PostAsync(http, "/api/accounts", new { accountId = "bob", balance = 0 });
            await PostAsync(http, "/api/accounts", new { accountId = "poor", balance = 5 });
            (await http.PutAsJsonAsync("/api/inventory/mug", new { quantity = 10 })).EnsureSuccessStatusCode();
            await PostAsync(http, "/api/schedules", new { name = "every-second", interval = "00:00:01", workflow = "DailyReport", input = new { reportDate = "2026-11-01" } });

            var transfer = (await PostAsync(http, "/api/transfers", new { fromAccount = "alice", toAccount = "bob", amount = 30 })).GetProperty("transferId").GetGuid();
            var order = (await PostAsync(http, "/api/orders", new { customerId = "poor", items = new[] { new { sku = "mug", quantity = 3, price = 12.5m } } }))
                .GetProperty("orderId").GetGuid();
            await Eventually.TrueAsync(async () => await StateAsync(http, $"/api/transfers/{transfer}", x => x.GetProperty("state")) == "Completed",
                $"transfer {transfer} to complete");
            await Eventually.TrueAsync(async () => await StateAsync(http, $"/api/orders/{order}", x => x.GetProperty("order").GetProperty("status")) == "PaymentFailed",
                $"order {order} to fail its payment");

            // Counted just after each commit, so the last end may reach the meter a moment after the row shows it.
            PrometheusText metrics = null!;
            await Eventually.TrueAsync(async () =>
            {
                metrics = PrometheusText.Parse(await http.GetStringAsync("/metrics"));
                return metrics.ValueOf("sagas_compensated_total", ("saga_type", "Order")) >= 1
                    && metrics.ValueOf("sagas_completed_total", ("saga_type", "Transfer")) >= 1
                    && metrics.ValueOf("sagas_scheduler_lag_seconds_count") >= 1;
            }, "the ends and a timer to be counted");

            AssertSagaCounters(metrics);
            AssertHistogramsAndGauges(metrics);
            AssertMassTransitMeter(metrics);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{string.Join('\n', orchestrator.Output.TakeLast(40))}", exception);
        }
        finally
        {
            orchestrator.Kill();
            SqliteConnection.ClearAllPools();
            foreach (var path in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*"))
                File.Delete(path);
        }
    }

    static void AssertSagaCounters(PrometheusText metrics)
    {
        foreach (var counter in new[] { "sagas_started_total", "sagas_completed_total", "sagas_failed_total", "sagas_compensated_total" })
            Assert.Equal("counter", metrics.Types.GetValueOrDefault(counter));

        Assert.Equal(1, metrics.ValueOf("sagas_started_total", ("saga_type", "Transfer")));
        Assert.Equal(1, metrics.ValueOf("sagas_completed_total", ("saga_type", "Transfer")));
        Assert.Equal(0, metrics.ValueOf("sagas_failed_total", ("saga_type", "Transfer")));
        Assert.Equal(0, metrics.ValueOf("sagas_compensated_total", ("saga_type", "Transfer")));

        Assert.Equal(1, metrics.ValueOf("sagas_started_total", ("saga_type", "Order")));
        Assert.Equal(0, metrics.ValueOf("sagas_completed_total", ("saga_type", "Order")));
        Assert.Equal(1, metrics.ValueOf("sagas_failed_total", ("saga_type", "Order")));
        Assert.Equal(1, metrics.ValueOf("sagas_compensated_total", ("saga_type", "Order")));

        // Every saga sample names its type (the schedule's DailyReport runs are counted too); nothing is counted untyped.
        Assert.All(metrics.Samples.Where(s => s.Name.StartsWith("sagas_", StringComparison.Ordinal) && s.Name.EndsWith("_total", StringComparison.Ordinal)
                && !s.Name.StartsWith("sagas_activity", StringComparison.Ordinal)),
            s => Assert.Contains(s.Labels["saga_type"], new[] { "Transfer", "Order", "DailyReport" }));
    }

    static void AssertHistogramsAndGauges(PrometheusText metrics)
    {
        Assert.Equal("histogram", metrics.Types.GetValueOrDefault("sagas_transition_duration_seconds"));
        // Initial → Withdrawing → Depositing → Completed: three committed transitions of the transfer.
        Assert.Equal(3, metrics.Find("sagas_transition_duration_seconds_count", ("saga_type", "Transfer")).Sum(s => s.Value));
        Assert.Equal(1, metrics.ValueOf("sagas_transition_duration_seconds_count", ("saga_type", "Transfer"), ("event", "StartTransfer")));
        Assert.Equal(1, metrics.ValueOf("sagas_transition_duration_seconds_bucket", ("saga_type", "Transfer"), ("event", "StartTransfer"), ("le", "+Inf")));

        Assert.Equal("histogram", metrics.Types.GetValueOrDefault("sagas_activity_duration_seconds"));
        Assert.Equal(0, metrics.ValueOf("sagas_activity_duration_seconds_count", ("activity", "Withdraw"), ("outcome", "faulted")));
        Assert.Equal(1, metrics.ValueOf("sagas_activity_duration_seconds_count", ("activity", "Withdraw"), ("outcome", "succeeded")));
        Assert.Equal(1, metrics.ValueOf("sagas_activity_duration_seconds_count", ("activity", "Deposit"), ("outcome", "faulted")));
        Assert.Equal(1, metrics.ValueOf("sagas_activity_duration_seconds_count", ("activity", "Deposit"), ("outcome", "succeeded")));
        Assert.Equal(1, metrics.ValueOf("sagas_activity_duration_seconds_count", ("activity", "ChargePayment"), ("outcome", "succeeded")));
        Assert.Equal("counter", metrics.Types.GetValueOrDefault("sagas_activity_retries_total"));
        // A retry is an attempt after a message's first: the deposit's immediate retry.
        Assert.Equal(1, metrics.ValueOf("sagas_activity_retries_total", ("activity", "Deposit")));
        Assert.Equal(0, metrics.ValueOf("sagas_activity_retries_total", ("activity", "Withdraw")));

        Assert.Equal("gauge", metrics.Types.GetValueOrDefault("sagas_outbox_backlog"));
        Assert.InRange(Assert.Single(metrics.Find("sagas_outbox_backlog")).Value, 0, 1000);
        Assert.Equal("histogram", metrics.Types.GetValueOrDefault("sagas_outbox_delivery_lag_seconds"));
        Assert.True(metrics.ValueOf("sagas_outbox_delivery_lag_seconds_count") >= 10, "every step, reply and event went through the outbox");
        Assert.Equal("histogram", metrics.Types.GetValueOrDefault("sagas_scheduler_lag_seconds"));
        Assert.True(metrics.ValueOf("sagas_scheduler_lag_seconds_count") >= 1, "the schedule fired");
        Assert.InRange(metrics.ValueOf("sagas_scheduler_lag_seconds_sum"), 0, 30);
    }

    static void AssertMassTransitMeter(PrometheusText metrics)
    {
        var consumed = metrics.Samples.Where(s => MassTransitConsumeTotal().IsMatch(s.Name)).ToList();
        Assert.Contains(consumed, s => s.Labels.GetValueOrDefault("messaging_masstransit_consumer_type") == "WithdrawConsumer" && s.Value >= 1);
        Assert.Contains(metrics.Samples, s => s.Name.StartsWith("messaging_masstransit_receive", StringComparison.Ordinal));
        Assert.Contains(metrics.Samples, s => s.Name.StartsWith("messaging_masstransit_saga", StringComparison.Ordinal));
    }

    [GeneratedRegex("^messaging_masstransit_consume(_[a-z]+)?_total$")]
    private static partial Regex MassTransitConsumeTotal();


    static async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    static async Task<string?> StateAsync(HttpClient http, string path, Func<JsonElement, JsonElement> state)
    {
        using var response = await http.GetAsync(path);
        return response.IsSuccessStatusCode ? state(await response.Content.ReadFromJsonAsync<JsonElement>()).GetString() : null;
    }
}
