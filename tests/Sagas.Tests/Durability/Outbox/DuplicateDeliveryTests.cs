using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Outbox;

/// <summary>A broker may deliver a message again; the inbox makes the second delivery do nothing.</summary>
public sealed class DuplicateDeliveryTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    readonly ReceiveCounter _receives = new();

    [Fact]
    public async Task A_saga_event_delivered_twice_transitions_once()
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:HostActivities"] = "false";
        await using var host = await OrchestratorHost.StartAsync(settings);
        host.Bus.ConnectReceiveObserver(_receives);

        var transferId = Guid.NewGuid();
        await host.StartTransferAsync(new StartTransfer { TransferId = transferId, FromAccount = "a", ToAccount = "b", Amount = 5 });
        await WaitForStateAsync(host, transferId, "Withdrawing");

        var messageId = NewId.NextGuid();
        await host.Bus.Publish(new WithdrawCompleted(transferId), c => c.MessageId = messageId);
        await _receives.WaitForAsync(messageId, deliveries: 1, TimeSpan.FromSeconds(30));
        var versionAfterFirst = (await host.TransfersAsync()).Single().Version;

        await host.Bus.Publish(new WithdrawCompleted(transferId), c => c.MessageId = messageId);
        await _receives.WaitForAsync(messageId, deliveries: 2, TimeSpan.FromSeconds(30));

        // Even an event the saga would ignore loads and saves it; the inbox stops it before that.
        Assert.Equal(versionAfterFirst, (await host.TransfersAsync()).Single().Version);
        var history = await host.QueryAsync(db => db.Set<SagaHistoryEntry>().Where(x => x.CorrelationId == transferId).ToListAsync());
        Assert.Single(history, h => h.EventName == nameof(WithdrawCompleted));
        Assert.Equal("Depositing", history.OrderBy(h => h.SequenceNumber).Last().ToState);
        Assert.Equal([1, 2], history.Select(h => h.SequenceNumber).Order());
    }

    [Fact]
    public async Task An_activity_command_delivered_twice_moves_money_once()
    {
        await using var host = await OrchestratorHost.StartAsync(OrchestratorHost.Embedded(_file));
        host.Bus.ConnectReceiveObserver(_receives);
        var sends = new SendCounter();
        host.Bus.ConnectSendObserver(sends);
        await host.OpenAccountsAsync([("alice", 100m)]);

        var messageId = NewId.NextGuid();
        var transferId = Guid.NewGuid();
        for (var i = 0; i < 2; i++)
            await host.Bus.Publish(new Withdraw(transferId, "alice", 30m), c => c.MessageId = messageId);
        await _receives.WaitForAsync(messageId, deliveries: 2, TimeSpan.FromSeconds(30));

        Assert.Equal(70m, (await host.AccountsAsync()).Single().Balance);
        Assert.Single(await host.LedgerEntriesAsync());
        await Task.Delay(TimeSpan.FromSeconds(1)); // the outbox delivers after commit
        Assert.Equal(1, sends.Sent(nameof(WithdrawCompleted)));
    }

    static async Task WaitForStateAsync(OrchestratorHost host, Guid transferId, string state)
    {
        for (var i = 0; i < 150; i++)
        {
            if ((await host.TransfersAsync()).SingleOrDefault(t => t.CorrelationId == transferId)?.CurrentState == state)
                return;
            await Task.Delay(100);
        }

        throw new TimeoutException($"Transfer {transferId} never reached {state}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
            File.Delete(path);
        return Task.CompletedTask;
    }
}
