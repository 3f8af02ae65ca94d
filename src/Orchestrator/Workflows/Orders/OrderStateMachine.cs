using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Orders;

/// <summary>
/// Reserve the stock, take the payment, ship, confirm. A refused or unanswered step undoes the
/// earlier ones newest first; a cancel before shipping does the same. Each undo is recorded
/// before its step is sent, and the activities refuse a step that arrives after its undo, so an
/// undo is safe even while the step is still in flight.
/// </summary>
public class OrderStateMachine : CompensatingStateMachine<OrderState>
{
    public const string ReserveStep = "ReserveInventory";
    public const string PaymentStep = "ChargePayment";
    public const string ShipmentStep = "CreateShipment";
    public const string ConfirmationStep = "SendOrderConfirmation";

    public OrderStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => StartOrder, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => InventoryReserved, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => InventoryRejected, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentCharged, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentDeclined, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => ShipmentCreated, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => ShipmentRejected, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => ConfirmationSent, e => e.CorrelateById(m => m.Message.OrderId));
        // A cancel for an order nobody placed has nothing to act on; the API answers 404 for it.
        Event(() => CancelOrder, e =>
        {
            e.CorrelateById(m => m.Message.OrderId);
            e.OnMissingInstance(m => m.Discard());
        });
        Succeeded(Completed);
        Terminal(Rejected, PaymentFailed, ShipmentFailed);

        Initially(
            WhenStarted(StartOrder, OrderValidation.Problem,
                valid => valid
                    .Then(x => Start(x.Saga, x.Message))
                    .RecordCompensation(ReserveStep, x => new ReleaseInventory(x.Saga.CorrelationId))
                    .StartStep(steps, ReserveStep, x => Reserve(x.Saga))
                    .TransitionTo(Reserving),
                invalid => invalid
                    .Then(x => Start(x.Saga, x.Message))
                    .TransitionTo(Rejected)));

        During(Reserving,
            When(InventoryReserved)
                .RecordCompensation(PaymentStep, x => new RefundPayment(x.Saga.CorrelationId, x.Saga.CustomerId, x.Saga.Total))
                .StartStep(steps, PaymentStep, x => Charge(x.Saga))
                .TransitionTo(Charging),
            When(InventoryRejected)
                .EndStep()
                .ForgetCompensation(ReserveStep)
                .Then(x => x.Saga.FailureReason = x.Message.Reason)
                .TransitionTo(Rejected),
            RetryOrGiveUp(x => Reserve(x.Saga), giveUp => giveUp.Compensate(x => x.GaveUpReason(), Rejected)));

        During(Charging,
            When(PaymentCharged)
                .Then(x => x.Saga.Charged = x.Message.Amount)
                .StartStep(steps, ShipmentStep, x => Ship(x.Saga))
                .TransitionTo(Shipping),
            When(PaymentDeclined)
                .ForgetCompensation(PaymentStep)
                .Compensate(x => x.Message.Reason, PaymentFailed),
            RetryOrGiveUp(x => Charge(x.Saga), giveUp => giveUp.Compensate(x => x.GaveUpReason(), PaymentFailed)));

        During(Shipping,
            When(ShipmentCreated)
                .Then(x => x.Saga.ShipmentId = x.Message.ShipmentId)
                // Shipped goods are not unshipped: from here the order only moves forward.
                .Then(x => x.Saga.Compensations.Clear())
                .StartStep(steps, ConfirmationStep, x => Confirmation(x.Saga))
                .TransitionTo(Confirming),
            When(ShipmentRejected)
                .Compensate(x => x.Message.Reason, ShipmentFailed),
            // The goods may have left: undoing the payment could give away what was shipped, so a person decides.
            RetryOrGiveUp(x => Ship(x.Saga), giveUp => giveUp.GiveUp().TransitionTo(NeedsAttention)));

        During(Confirming,
            When(ConfirmationSent)
                .EndStep()
                .TransitionTo(Completed),
            // A lost confirmation mail never fails an order that shipped.
            RetryOrGiveUp(x => Confirmation(x.Saga), giveUp => giveUp.GiveUp(reason => $"confirmation not sent: {reason}").TransitionTo(Completed)));

        During([Reserving, Charging],
            When(CancelOrder)
                .Compensate(x => $"cancelled: {x.Message.Reason ?? "by request"}", Cancelled));
        During([Shipping, Confirming, Compensating, Completed, Rejected, PaymentFailed, ShipmentFailed, Cancelled, NeedsAttention, Compensated],
            When(CancelOrder)
                .Publish(x => new OrderCancellationRefused(x.Saga.CorrelationId, CancelRefusal(x.Saga.CurrentState))));

        WhenEnter(Completed, x => x.Publish(x => new OrderCompleted(x.Saga.CorrelationId, x.Saga.Total, x.Saga.ShipmentId!)));
        foreach (var failed in new[] { Rejected, PaymentFailed, ShipmentFailed, Cancelled })
            WhenEnter(failed, x => x.Publish(x => new OrderFailed(x.Saga.CorrelationId, x.Saga.CurrentState, x.Saga.FailureReason ?? "")));
        WhenEnter(NeedsAttention, x => x.Publish(x => new OrderNeedsAttention(x.Saga.CorrelationId, x.Saga.FailureReason ?? "")));
    }

    public State Reserving { get; private set; } = null!;
    public State Charging { get; private set; } = null!;
    public State Shipping { get; private set; } = null!;
    public State Confirming { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Rejected { get; private set; } = null!;
    public State PaymentFailed { get; private set; } = null!;
    public State ShipmentFailed { get; private set; } = null!;

    public Event<StartOrder> StartOrder { get; private set; } = null!;
    public Event<InventoryReserved> InventoryReserved { get; private set; } = null!;
    public Event<InventoryRejected> InventoryRejected { get; private set; } = null!;
    public Event<PaymentCharged> PaymentCharged { get; private set; } = null!;
    public Event<PaymentDeclined> PaymentDeclined { get; private set; } = null!;
    public Event<ShipmentCreated> ShipmentCreated { get; private set; } = null!;
    public Event<ShipmentRejected> ShipmentRejected { get; private set; } = null!;
    public Event<OrderConfirmationSent> ConfirmationSent { get; private set; } = null!;
    public Event<CancelOrder> CancelOrder { get; private set; } = null!;

    /// <summary>States in which a cancel still undoes the order.</summary>
    public static readonly IReadOnlySet<string> CancellableStates = new HashSet<string> { nameof(Reserving), nameof(Charging) };

    public override string? RefuseCancel(OrderState saga) =>
        CancellableStates.Contains(saga.CurrentState) ? null : CancelRefusal(saga.CurrentState);

    public static string CancelRefusal(string state) => state switch
    {
        nameof(Shipping) or nameof(Confirming) => "the order is already shipping",
        nameof(Completed) => "the order has shipped",
        nameof(Compensating) => "the order is already being undone",
        _ => $"the order has already ended ({state})",
    };

    static ReserveInventory Reserve(OrderState saga) => new(saga.CorrelationId, saga.Items);

    static ChargePayment Charge(OrderState saga) => new(saga.CorrelationId, saga.CustomerId, saga.Total);

    static CreateShipment Ship(OrderState saga) => new(saga.CorrelationId, saga.CustomerId, saga.Items);

    static SendOrderConfirmation Confirmation(OrderState saga) =>
        new(saga.CorrelationId, saga.CustomerId, saga.Total, saga.ShipmentId!);

    static void Start(OrderState saga, StartOrder message)
    {
        saga.CustomerId = message.CustomerId ?? "";
        saga.Items = message.Items?.ToList() ?? [];
        saga.Total = saga.FailureReason is null ? OrderValidation.Total(saga.Items) : 0;
    }
}
