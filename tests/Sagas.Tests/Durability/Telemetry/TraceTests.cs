using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Sagas.Durability.Telemetry;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Telemetry;

public sealed class TraceTests
{
    /// <summary>
    /// MassTransit's spans, as an exporter would receive them: every step of one transfer (the
    /// saga's messages and the withdraw and deposit activities) carries the transfer's id.
    /// </summary>
    [Fact]
    public async Task The_spans_of_a_transfers_steps_carry_its_correlation_id()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await TestStacks.OnEmbeddedAsync(async settings =>
        {
            await using var api = await ApiHost.StartAsync(settings);
            (await api.Http.PostAsJsonAsync("/api/accounts", new { accountId = "alice", balance = 100 })).EnsureSuccessStatusCode();
            (await api.Http.PostAsJsonAsync("/api/accounts", new { accountId = "bob", balance = 0 })).EnsureSuccessStatusCode();
            using var started = await api.Http.PostAsJsonAsync("/api/transfers", new { fromAccount = "alice", toAccount = "bob", amount = 30 });
            var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transferId").GetGuid();
            await api.Services.WaitForStateAsync<TransferState>(id, "Completed");

            // The last reply's span stops just after its saga commits.
            await Eventually.TrueAsync(() => Task.FromResult(SagaSpans(spans, id).Any(s => Consumed(s) == "DepositCompleted")),
                "the span of the transfer's last step");

            var mine = Tagged(spans, id);
            foreach (var activity in new[] { "withdraw", "deposit" })
            {
                Assert.Contains(mine, s => Tag(s, "messaging.operation") == "receive" && Tag(s, "messaging.destination.name") == activity);
                Assert.Contains(mine, s => Tag(s, "messaging.operation") == "process" && s.OperationName == $"{activity} process");
            }

            Assert.Equal(["StartTransfer", "WithdrawCompleted", "DepositCompleted"], SagaSpans(spans, id).OrderBy(s => s.StartTimeUtc).Select(Consumed));
            // MassTransit carries the trace through our outbox too: one transfer, one trace.
            Assert.Single(mine.Select(s => s.TraceId).Distinct());
        });
    }

    static List<Activity> Tagged(IEnumerable<Activity> spans, Guid id) =>
        spans.Where(s => Tag(s, SagaTracing.CorrelationIdTag) == id.ToString("D")).ToList();

    static string? Tag(Activity span, string name) => span.GetTagItem(name) as string;

    /// <summary>The saga's own spans: MassTransit's "process" span of the state machine, marked with the saga's type.</summary>
    static List<Activity> SagaSpans(IEnumerable<Activity> spans, Guid id) =>
        Tagged(spans, id).Where(s => Tag(s, "messaging.operation") == "process" && Tag(s, SagaTracing.SagaTypeTag) == "Transfer"
            && Tag(s, "messaging.masstransit.consumer_type") == nameof(TransferStateMachine)).ToList();

    static string? Consumed(Activity span) => Tag(span, "messaging.masstransit.message_types")?.Split(',') is { } types
        ? types.Select(t => t.Split(':').Last()).FirstOrDefault()
        : null;
}
