using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Cli;

/// <summary><c>sagas errors …</c>: a poison deposit is listed, shown, counted by a filter and redriven to completion.</summary>
public sealed class CliErrorTests(CliErrorTests.PoisonDepositHost host) : IClassFixture<CliErrorTests.PoisonDepositHost>
{
    public sealed class PoisonDepositHost : CliHost
    {
        // Both attempts of the first delivery fail and nothing redelivers it: it is dead-lettered, and only a redrive finishes the transfer.
        protected override void Configure(Dictionary<string, string?> settings)
        {
            settings["Sagas:Activities:Deposit:Faults:FailFirst"] = "2";
            settings["Sagas:Activities:Deposit:Retry:Immediate"] = "1";
            settings["Sagas:Activities:Deposit:Retry:MaxAttempts"] = "0";
            settings["Sagas:Activities:Deposit:StartToClose"] = "01:00:00";
        }
    }

    [Fact]
    public async Task A_dead_lettered_deposit_is_listed_shown_and_redriven()
    {
        var transfer = (await host.RunAsync("start", "transfer", "--from", "alice", "--to", "bob", "--amount", "30")).Succeeded().Id;

        var items = await Eventually.MatchAsync(
            async () => (await host.RunAsync("errors", "list", "--saga", transfer.ToString(), "--json")).Succeeded().Json.GetProperty("items").EnumerateArray().ToList(),
            list => list.Count > 0, "the deposit to be dead-lettered", TimeSpan.FromSeconds(60));
        var item = Assert.Single(items);
        var id = item.GetProperty("id").GetString()!;

        var rows = (await host.RunAsync("errors", "list", "--saga", transfer.ToString())).Succeeded().Rows();
        Assert.Equal(["ID", "QUEUE", "MESSAGE", "FAULTED", "SAGA", "REASON"], rows[0]);
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal([id, "deposit_error", "Sagas.Contracts:Deposit"], row[..3]);
        Assert.Equal(transfer.ToString(), row[4]);
        Assert.Equal(item.GetProperty("reason").GetString(), row[5]);
        Assert.NotEqual("", row[5]);

        var show = (await host.RunAsync("errors", "show", id)).Succeeded();
        Assert.Contains(show.Rows(), r => r is ["queue", "deposit_error"]);
        Assert.Contains("\"account\": \"bob\"", show.Out, StringComparison.Ordinal);

        var count = (await host.RunAsync("errors", "redrive", "--saga", transfer.ToString())).Succeeded();
        Assert.Equal("1 messages match (dry run); add --yes to apply", count.Out.Trim());
        var bulk = (await host.RunAsync("bulk", "redrive", "--type", "Transfer", "--state", "Depositing", "--json")).Succeeded().Json;
        Assert.Equal((1, 1, true), (bulk.GetProperty("matched").GetInt32(), bulk.GetProperty("messages").GetInt32(), bulk.GetProperty("dryRun").GetBoolean()));
        Assert.Equal("Depositing", (await host.Api.Services.SagaAsync<TransferState>(transfer))!.CurrentState);

        (await host.RunAsync("errors", "redrive", id)).Succeeded();
        await host.Api.Services.WaitForStateAsync<TransferState>(transfer, "Completed");
        Assert.Equal(3, (await host.RunAsync("errors", "show", id)).ExitCode);
        Assert.Equal(3, (await host.RunAsync("errors", "redrive", id)).ExitCode);
    }
}
