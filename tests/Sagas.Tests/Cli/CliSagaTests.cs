using System.Net.Http.Json;
using Sagas.Orchestrator.Workflows.ExpenseApprovals;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Cli;

/// <summary><c>sagas</c> starting, reading and driving sagas on a running orchestrator, its output and exit codes asserted.</summary>
[Collection(CliCollection.Name)]
public sealed class CliSagaTests(CliHost host)
{
    IServiceProvider Services => host.Api.Services;

    [Fact]
    public async Task A_start_run_again_with_its_idempotency_key_answers_with_the_saga_the_first_run_started()
    {
        var key = Guid.NewGuid().ToString();
        string[] start = ["start", "transfer", "--from", "alice", "--to", "bob", "--amount", "1", "--idempotency-key", key];

        var first = (await host.RunAsync(start)).Succeeded().Id;
        var again = (await host.RunAsync(start)).Succeeded().Id;
        var other = (await host.RunAsync("start", "transfer", "--from", "alice", "--to", "bob", "--amount", "1")).Succeeded().Id;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task A_transfer_started_from_the_cli_shows_its_state_fields_and_timeline()
    {
        var id = (await host.RunAsync("start", "transfer", "--from", "alice", "--to", "bob", "--amount", "30")).Succeeded().Id;
        await Services.WaitForStateAsync<TransferState>(id, "Completed");
        var history = await Services.HistoryAsync(id);

        var show = (await host.RunAsync("show", id.ToString())).Succeeded();

        Assert.Equal($"Transfer {id}", show.Lines[0]);
        Assert.Contains(["state", "Completed (ended)"], show.Rows().Select(r => r.ToArray()));
        Assert.Contains(show.Rows("Fields"), r => r is [var name, "30" or "30.0" or "30.00"] && name.Equals("amount", StringComparison.OrdinalIgnoreCase));
        var timeline = show.Rows("Timeline");
        Assert.Equal(["#", "EVENT", "FROM", "TO", "AT"], timeline[0]);
        Assert.Equal(history.Select(h => (h.SequenceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), h.EventName, h.ToState)),
            timeline.Skip(1).Select(r => (r[0], r[1], r[^2])));
        Assert.All(timeline.Skip(1), r => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", r[^1]));

        var query = (await host.RunAsync("query", id.ToString(), "--json")).Succeeded().Json;
        Assert.Equal("Completed", query.GetProperty("state").GetString());
        Assert.False(query.TryGetProperty("history", out _));
        Assert.DoesNotContain("Timeline", (await host.RunAsync("query", id.ToString())).Succeeded().Out, StringComparison.Ordinal);

        var listed = (await host.RunAsync("list", "--type", "Transfer", "--json")).Succeeded().Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(listed, x => x.GetProperty("id").GetGuid() == id && x.GetProperty("state").GetString() == "Completed");
        Assert.All(listed, x => Assert.Equal("Transfer", x.GetProperty("type").GetString()));
        var table = (await host.RunAsync("list", "--type", "Transfer", "--state", "Completed")).Succeeded().Rows();
        Assert.Equal(["ID", "TYPE", "STATE", "CREATED", "UPDATED", "COMPLETED", "PARENT"], table[0]);
        Assert.Contains(table, r => r[0] == id.ToString() && r[1] == "Transfer" && r[2] == "Completed");
    }

    [Fact]
    public async Task An_expense_is_approved_by_a_signal_and_a_second_decision_is_a_conflict()
    {
        var id = await StartExpenseAsync();

        var approve = (await host.RunAsync("signal", id.ToString(), "approve", "--data", """{"by":"boss"}""")).Succeeded();
        Assert.Contains(id.ToString(), approve.Out, StringComparison.Ordinal);
        var approved = await Services.WaitForStateAsync<ExpenseApprovalState>(id, "Approved");
        Assert.Equal("boss", approved.DecidedBy);

        var again = await host.RunAsync("signal", id.ToString(), "reject", "--data", """{"by":"boss","reason":"too late"}""");
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("ended", again.Err, StringComparison.Ordinal);
        Assert.Equal("", again.Out);
    }

    [Fact]
    public async Task A_waiting_expense_is_terminated_and_cannot_be_terminated_twice()
    {
        var id = await StartExpenseAsync();

        (await host.RunAsync("terminate", id.ToString(), "--reason", "cli test")).Succeeded();
        await Services.WaitForStateAsync<ExpenseApprovalState>(id, "Terminated");

        var again = await host.RunAsync("terminate", id.ToString());
        Assert.Equal(4, again.ExitCode);
        Assert.NotEqual("", again.Err);
    }

    [Fact]
    public async Task An_order_in_flight_is_cancelled_and_a_second_cancel_is_a_conflict()
    {
        (await host.Api.Http.PutAsJsonAsync("/api/inventory/apple", new { quantity = 10 })).EnsureSuccessStatusCode();
        var id = (await host.RunAsync("start", "order", "--customer", "alice", "--item", "apple:2:1.5", "--item", "pear:1:3")).Succeeded().Id;
        var order = await Services.WaitForStateAsync<OrderState>(id, "Reserving");
        Assert.Equal(6m, order.Total);

        (await host.RunAsync("cancel", id.ToString(), "--reason", "changed my mind")).Succeeded();
        await Services.WaitForStateAsync<OrderState>(id, "Cancelled");

        Assert.Equal(4, (await host.RunAsync("cancel", id.ToString())).ExitCode);
    }

    [Fact]
    public async Task An_order_with_no_transition_for_longer_than_its_threshold_is_stuck()
    {
        var id = (await host.RunAsync("start", "order", "--customer", "alice", "--item", "plum:1:2")).Succeeded().Id;
        await Services.WaitForStateAsync<OrderState>(id, "Reserving");

        await Eventually.TrueAsync(async () => (await host.RunAsync("stuck", "--type", "Order", "--json")).Succeeded().Json.GetProperty("items")
            .EnumerateArray().Any(x => x.GetProperty("id").GetGuid() == id), "the order to be stuck");
        Assert.Contains((await host.RunAsync("stuck")).Succeeded().Rows(), r => r[0] == id.ToString() && r[1] == "Order" && r[2] == "Reserving");
        Assert.DoesNotContain((await host.RunAsync("stuck", "--type", "Transfer")).Succeeded().Rows(), r => r[0] == id.ToString());

        (await host.RunAsync("cancel", id.ToString())).Succeeded();
        await Services.WaitForStateAsync<OrderState>(id, "Cancelled");
        Assert.DoesNotContain((await host.RunAsync("stuck")).Succeeded().Rows(), r => r[0] == id.ToString());
    }

    [Fact]
    public async Task An_unknown_saga_is_exit_code_3_for_every_command_that_names_one()
    {
        var unknown = Guid.NewGuid().ToString();
        foreach (var args in new[] { ["show", unknown], ["query", unknown], ["signal", unknown, "approve"], ["cancel", unknown], new[] { "terminate", unknown } })
        {
            var run = await host.RunAsync(args);
            Assert.True(run.ExitCode == 3, $"{string.Join(' ', args)}: {run}");
            Assert.Equal("", run.Out);
            Assert.Contains("404", run.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Workflows_counts_sagas_per_state_as_the_api_does()
    {
        var id = (await host.RunAsync("start", "transfer", "--from", "alice", "--to", "bob", "--amount", "1")).Succeeded().Id;
        await Services.WaitForStateAsync<TransferState>(id, "Completed");

        var json = (await host.RunAsync("workflows", "--json")).Succeeded().Json;
        var transfer = json.EnumerateArray().Single(w => w.GetProperty("type").GetString() == "Transfer");
        var completed = transfer.GetProperty("states").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Completed");
        Assert.True(completed.GetProperty("count").GetInt32() >= 1);

        var rows = (await host.RunAsync("workflows")).Succeeded().Rows();
        Assert.Equal(["TYPE", "VERSION", "STATE", "COUNT", "END", "SIGNALS"], rows[0]);
        var first = rows.FindIndex(r => r[0] == "Transfer");
        Assert.True(first > 0, string.Join('\n', rows.Select(r => string.Join('|', r))));
        Assert.Equal("1", rows[first][1]);
        Assert.Contains(rows.Skip(first), r => r.Contains("Completed") && r.Contains(completed.GetProperty("count").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)) && r.Contains("succeeded"));
    }

    [Fact]
    public async Task A_bulk_terminate_counts_first_and_applies_only_with_yes()
    {
        var ids = new[] { await StartExpenseAsync(), await StartExpenseAsync() };
        var type = (await host.RunAsync("query", ids[0].ToString(), "--json")).Succeeded().Json.GetProperty("type").GetString()!;
        var waiting = (await host.RunAsync("list", "--type", type, "--state", "AwaitingDecision", "--json")).Succeeded()
            .Json.GetProperty("items").GetArrayLength();
        Assert.True(waiting >= 2);

        var dryRun = (await host.RunAsync("bulk", "terminate", "--type", type, "--state", "AwaitingDecision", "--reason", "bulk")).Succeeded();
        Assert.Equal($"{waiting} sagas match (dry run); add --yes to apply", dryRun.Out.Trim());
        foreach (var id in ids)
            Assert.Equal("AwaitingDecision", (await Services.SagaAsync<ExpenseApprovalState>(id))!.CurrentState);

        var applied = (await host.RunAsync("bulk", "terminate", "--type", type, "--state", "AwaitingDecision", "--reason", "bulk", "--yes", "--json")).Succeeded().Json;
        Assert.False(applied.GetProperty("dryRun").GetBoolean());
        Assert.Equal(waiting, applied.GetProperty("matched").GetInt32());
        foreach (var id in ids)
            await Services.WaitForStateAsync<ExpenseApprovalState>(id, "Terminated");
    }

    async Task<Guid> StartExpenseAsync()
    {
        var id = (await host.RunAsync("start", "expense", "--employee", "erin", "--amount", "42.5", "--description", "train")).Succeeded().Id;
        await Services.WaitForStateAsync<ExpenseApprovalState>(id, "AwaitingDecision");
        return id;
    }
}
