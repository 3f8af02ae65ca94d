using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Outbox;

/// <summary>
/// Two copies of one message (a redelivery racing the original, a publisher retrying) reach a
/// consumer at the same moment. The inbox claims the message before the consumer runs, so its
/// effect outside the database, which no unique key can absorb, happens once.
/// </summary>
public sealed class InboxClaimTests
{
    [Fact]
    public Task On_PostgreSQL_two_copies_delivered_at_once_run_the_consumer_once() => TestStacks.OnRealStackAsync(async settings =>
    {
        settings["Sagas:HostActivities"] = "false";
        var effects = new OutsideEffects();
        var receives = new OverlapObserver();
        await using var host = await OrchestratorHost.StartAsync(settings, bus =>
        {
            bus.AddSingleton(effects);
            bus.AddConsumer<SlowEffectConsumer, ActivityDefinition<SlowEffectConsumer>>();
        });
        host.Bus.ConnectReceiveObserver(receives);

        var messageId = NewId.NextGuid();
        var endpoint = await host.Bus.GetSendEndpoint(new Uri("queue:slow-effect"));
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => endpoint.Send(new MakeEffect(Guid.NewGuid()), c => c.MessageId = messageId)));
        await receives.WaitForAsync(messageId, deliveries: 2, TimeSpan.FromSeconds(30));

        // Both copies were in the consumer's transaction together, or this test proves nothing.
        Assert.True(receives.Overlapped(messageId), "the two copies were received one after the other");
        Assert.Equal(1, effects.Count);
    });

    public sealed record MakeEffect(Guid Id);

    public sealed class OutsideEffects
    {
        int _count;

        public int Count => _count;

        public void Happen() => Interlocked.Increment(ref _count);
    }

    /// <summary>An effect outside the database (a mail, a call to another service), then a pause inside the transaction.</summary>
    public sealed class SlowEffectConsumer(OutsideEffects effects) : IConsumer<MakeEffect>
    {
        public async Task Consume(ConsumeContext<MakeEffect> context)
        {
            effects.Happen();
            await Task.Delay(TimeSpan.FromSeconds(2), context.CancellationToken);
        }
    }

    /// <summary>When each delivery of a message began and ended.</summary>
    sealed class OverlapObserver : IReceiveObserver
    {
        readonly ConcurrentDictionary<Guid, ConcurrentQueue<(DateTime At, bool Started)>> _events = new();

        public bool Overlapped(Guid messageId)
        {
            var events = _events[messageId].OrderBy(x => x.At).ToList();
            return events.Count >= 2 && events[0].Started && events[1].Started;
        }

        public async Task WaitForAsync(Guid messageId, int deliveries, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (_events.GetValueOrDefault(messageId)?.Count(x => !x.Started) is not { } finished || finished < deliveries)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Message {messageId} did not finish {deliveries} deliveries");
                await Task.Delay(20);
            }
        }

        public Task PreReceive(ReceiveContext context) => Record(context, started: true);

        public Task PostReceive(ReceiveContext context) => Record(context, started: false);

        public Task ReceiveFault(ReceiveContext context, Exception exception) => Record(context, started: false);

        public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
            where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
            where T : class => Task.CompletedTask;

        Task Record(ReceiveContext context, bool started)
        {
            if (context.GetMessageId() is { } id)
                _events.GetOrAdd(id, _ => new()).Enqueue((DateTime.UtcNow, started));
            return Task.CompletedTask;
        }
    }
}
