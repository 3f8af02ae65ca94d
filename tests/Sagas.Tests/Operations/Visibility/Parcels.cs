using MassTransit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Tests.Operations.Visibility;

// Three deployments of one workflow, for WorkflowDeploymentTests. Version 1 packs a parcel and ships it.
// Version 2 calls packing Boxing and weighs a parcel before shipping it; parcels that started on
// version 1 ship unweighed, as they would have. Version 3 drops version 1's path.

public sealed record ShipParcel(Guid ParcelId);

public sealed record PackParcel(Guid ParcelId);

public sealed record ParcelPacked(Guid ParcelId);

public sealed record WeighParcel(Guid ParcelId);

public sealed record ParcelWeighed(Guid ParcelId, decimal Kilograms);

public sealed class ParcelState : SteppingSagaInstance
{
    public decimal? Kilograms { get; set; }
}

public sealed class ParcelStateMap : SagaInstanceMap<ParcelState>
{
    protected override void ConfigureFields(EntityTypeBuilder<ParcelState> entity)
    {
    }
}

public abstract class ParcelStateMachine : SteppingStateMachine<ParcelState>
{
    protected ParcelStateMachine(ActivitySteps steps, TimeProvider clock)
        : base(steps, clock)
    {
        Event(() => Ship, e => e.CorrelateById(m => m.Message.ParcelId));
        Event(() => Packed, e => e.CorrelateById(m => m.Message.ParcelId));
        Event(() => Weighed, e => e.CorrelateById(m => m.Message.ParcelId));
        Succeeded(Shipped);
    }

    // Set by MassTransit through the concrete machine's type, so not private to this one.
    public State Shipped { get; protected set; } = null!;

    public Event<ShipParcel> Ship { get; protected set; } = null!;
    public Event<ParcelPacked> Packed { get; protected set; } = null!;
    public Event<ParcelWeighed> Weighed { get; protected set; } = null!;

    protected static PackParcel Pack(ParcelState saga) => new(saga.CorrelationId);

    protected static WeighParcel Weigh(ParcelState saga) => new(saga.CorrelationId);
}

public sealed class ParcelStateMachineV1 : ParcelStateMachine
{
    public ParcelStateMachineV1(ActivitySteps steps, TimeProvider clock)
        : base(steps, clock)
    {
        Initially(When(Ship).StartStep(steps, "PackParcel", x => Pack(x.Saga)).TransitionTo(Packing));
        During(Packing, When(Packed).EndStep().TransitionTo(Shipped), RetryUntilAnswered(x => Pack(x.Saga)));
    }

    public State Packing { get; private set; } = null!;
}

public sealed class ParcelStateMachineV2 : ParcelStateMachine
{
    public ParcelStateMachineV2(ActivitySteps steps, TimeProvider clock)
        : base(steps, clock)
    {
        Versioned(2);
        FormerState("Packing", Boxing);
        Initially(When(Ship).StartStep(steps, "PackParcel", x => Pack(x.Saga)).TransitionTo(Boxing));
        During(Boxing,
            When(Packed).EndStep().SinceVersion(2,
                weigh => weigh.StartStep(steps, "WeighParcel", x => Weigh(x.Saga)).TransitionTo(Weighing),
                before => before.TransitionTo(Shipped)),
            RetryUntilAnswered(x => Pack(x.Saga)));
        During(Weighing,
            When(Weighed).EndStep().Then(x => x.Saga.Kilograms = x.Message.Kilograms).TransitionTo(Shipped),
            RetryUntilAnswered(x => Weigh(x.Saga)));
    }

    public State Boxing { get; private set; } = null!;
    public State Weighing { get; private set; } = null!;
}

/// <summary>Version 2 without version 1's path: refused while a parcel of version 1 is live.</summary>
public sealed class ParcelStateMachineV3 : ParcelStateMachine
{
    public ParcelStateMachineV3(ActivitySteps steps, TimeProvider clock)
        : base(steps, clock)
    {
        Versioned(3, runsFrom: 2);
        Initially(When(Ship).StartStep(steps, "PackParcel", x => Pack(x.Saga)).TransitionTo(Boxing));
        During(Boxing,
            When(Packed).EndStep().StartStep(steps, "WeighParcel", x => Weigh(x.Saga)).TransitionTo(Weighing),
            RetryUntilAnswered(x => Pack(x.Saga)));
        During(Weighing,
            When(Weighed).EndStep().Then(x => x.Saga.Kilograms = x.Message.Kilograms).TransitionTo(Shipped),
            RetryUntilAnswered(x => Weigh(x.Saga)));
    }

    public State Boxing { get; private set; } = null!;
    public State Weighing { get; private set; } = null!;
}
