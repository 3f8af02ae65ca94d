using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Durability.Hosting;
using Sagas.Orchestrator.Data;

namespace Sagas.Tests.Durability.Scheduling;

public enum ProbeAction
{
    Schedule,
    Cancel,
    ScheduleHourly,
    CancelHourly,
}

/// <summary>Asks <see cref="SchedulingProbeConsumer"/> to schedule or cancel, from inside a consumer.</summary>
public sealed record SchedulingProbe(Guid ProbeId, ProbeAction Action, TimeSpan Delay = default);

public sealed record ProbeFired(Guid ProbeId);

/// <summary>
/// A consumer behind the durable outbox, as every activity and saga is: its schedule and cancel
/// requests are outbox rows, delivered to the scheduler queue after the transaction commits.
/// </summary>
public sealed class SchedulingProbeConsumer(ProbeLog log) : IConsumer<SchedulingProbe>
{
    public static readonly Uri FiredAddress = new("queue:probe-fired");

    public async Task Consume(ConsumeContext<SchedulingProbe> context)
    {
        var probe = context.Message;
        var scheduler = await context.GetSendEndpoint(new Uri("queue:scheduler"));
        switch (probe.Action)
        {
            case ProbeAction.Schedule:
                var scheduled = await context.ScheduleSend(FiredAddress, probe.Delay, new ProbeFired(probe.ProbeId));
                log.Tokens[probe.ProbeId] = scheduled.TokenId;
                break;
            case ProbeAction.Cancel:
                await context.GetPayload<MessageSchedulerContext>().CancelScheduledSend(FiredAddress, log.Tokens[probe.ProbeId], context.CancellationToken);
                break;
            case ProbeAction.ScheduleHourly:
                await scheduler.ScheduleRecurringSend(FiredAddress, new HourlySchedule(probe.ProbeId), new ProbeFired(probe.ProbeId));
                break;
            case ProbeAction.CancelHourly:
                await scheduler.CancelScheduledRecurringSend(probe.ProbeId.ToString("N"), "probes");
                break;
        }
    }

    sealed class HourlySchedule : DefaultRecurringSchedule
    {
        public HourlySchedule(Guid probeId)
        {
            ScheduleId = probeId.ToString("N");
            ScheduleGroup = "probes";
            CronExpression = "0 0 * * * ?";
        }
    }
}

public sealed class SchedulingProbeDefinition : ConsumerDefinition<SchedulingProbeConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<SchedulingProbeConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseDurableOutbox<SagasDbContext>(context);
}

/// <summary>Records every <see cref="ProbeFired"/> delivery with its message id.</summary>
public sealed class ProbeFiredConsumer(ProbeLog log) : IConsumer<ProbeFired>
{
    public Task Consume(ConsumeContext<ProbeFired> context)
    {
        log.Fired.Add((context.Message.ProbeId, context.MessageId ?? Guid.Empty));
        return Task.CompletedTask;
    }
}

public sealed class ProbeFiredDefinition : ConsumerDefinition<ProbeFiredConsumer>
{
    public ProbeFiredDefinition() => EndpointName = "probe-fired";
}

public sealed class ProbeLog
{
    public ConcurrentDictionary<Guid, Guid> Tokens { get; } = new();

    public ConcurrentBag<(Guid ProbeId, Guid MessageId)> Fired { get; } = [];

    public int FiredCount(Guid probeId) => Fired.Count(f => f.ProbeId == probeId);

    public static void Register(IBusRegistrationConfigurator bus, ProbeLog log)
    {
        bus.AddSingleton(log);
        bus.AddConsumer<SchedulingProbeConsumer, SchedulingProbeDefinition>();
        bus.AddConsumer<ProbeFiredConsumer, ProbeFiredDefinition>();
    }
}
