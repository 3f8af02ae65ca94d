using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Outbox;

/// <summary>
/// On PostgreSQL a saga message's inbox claim travels in one round trip with the saga's row lock.
/// A copy of a message the saga already took must still be recognised there, before the state
/// machine sees it: acknowledged, no second transition, nothing faulted.
/// </summary>
public sealed class SagaInboxClaimTests
{
    [Fact]
    public Task A_saga_message_claims_its_inbox_row_with_the_row_lock_and_a_second_copy_does_nothing() => TestStacks.OnRealStackAsync(async settings =>
    {
        using var commands = new CommandLog();
        var receives = new ReceiveCounter();
        await using var host = await OrchestratorHost.StartAsync(settings);
        host.Bus.ConnectReceiveObserver(receives);
        await host.OpenAccountsAsync([("alice", 100m), ("bob", 0m)]);

        var start = new StartTransfer { TransferId = Guid.NewGuid(), FromAccount = "alice", ToAccount = "bob", Amount = 10m };
        var messageId = NewId.NextGuid();
        await host.Bus.Publish(start, c => c.MessageId = messageId);
        await host.WaitForTerminalAsync([start.TransferId], TimeSpan.FromSeconds(30));
        var history = await HistoryAsync(host, start.TransferId);
        var saga = await SagaAsync(host, start.TransferId);

        await host.Bus.Publish(start, c => c.MessageId = messageId);
        await receives.WaitForAsync(messageId, deliveries: 2, TimeSpan.FromSeconds(30));

        // Had the state machine seen the copy, even to ignore it, the saga's row would have been written again.
        Assert.Equal(saga, await SagaAsync(host, start.TransferId));
        Assert.Equal(history, await HistoryAsync(host, start.TransferId));
        Assert.Equal(0, receives.Faulted);
        // Every saga message of the transfer (start, two replies, the copy) locked its row with the claim in front.
        Assert.True(commands.Count(c => c.StartsWith("INSERT INTO inbox_messages", StringComparison.Ordinal) && c.Contains("FOR UPDATE", StringComparison.Ordinal)) >= 4,
            "no saga load carried the inbox claim");
    });

    static Task<string> SagaAsync(OrchestratorHost host, Guid sagaId) =>
        host.QueryAsync(db => db.Set<TransferState>().Where(s => s.CorrelationId == sagaId)
            .Select(s => s.CurrentState + " version " + s.Version + " updated " + s.UpdatedAt).SingleAsync());

    static Task<string[]> HistoryAsync(OrchestratorHost host, Guid sagaId) =>
        host.QueryAsync(db => db.Set<SagaHistoryEntry>().Where(h => h.CorrelationId == sagaId).OrderBy(h => h.SequenceNumber)
            .Select(h => h.EventName + ":" + h.ToState).ToArrayAsync());

    /// <summary>The text of every SQL command EF Core runs in this process.</summary>
    sealed class CommandLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        readonly ConcurrentQueue<string> _commands = new();
        readonly List<IDisposable> _subscriptions = [];

        public CommandLog() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public int Count(Func<string, bool> matches) => _commands.Count(matches);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_subscriptions)
                    _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is CommandExecutedEventData executed)
                _commands.Enqueue(executed.Command.CommandText);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
                _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
