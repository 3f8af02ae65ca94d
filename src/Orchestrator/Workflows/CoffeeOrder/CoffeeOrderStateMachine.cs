using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.CoffeeOrder;

/// <summary>
/// Take the payment, take the ingredients from the inventory, prepare the beverage (a long activity
/// that heartbeats each stage, sent again from the last stage it reported), tell the customer. A
/// preparation that fails refunds the payment and puts the ingredients back; so does the
/// <c>cancel-order</c> signal, until the beverage is ready. Its status can be asked at any time.
/// </summary>
public class CoffeeOrderStateMachine : CompensatingStateMachine<CoffeeOrderState>
{
    public const string PaymentStep = "ChargePayment";
    public const string IngredientsStep = "ReserveInventory";
    public const string PrepareStep = "PrepareBeverage";
    public const string NotifyStep = "NotifyCustomer";
    public const int CustomerIdLength = 64;

    public CoffeeOrderStateMachine(ActivitySteps steps)
        : base(steps)
    {
        // A beverage takes minutes; a barista silent for half a minute has walked away from it.
        DeclareStep(PrepareStep, new() { StartToClose = TimeSpan.FromMinutes(10), HeartbeatTimeout = TimeSpan.FromSeconds(30), MaxAttempts = 3 });

        Event(() => StartCoffeeOrder, e => e.CorrelateById(m => m.Message.CoffeeOrderId));
        Event(() => PaymentCharged, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentDeclined, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => IngredientsTaken, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => IngredientsMissing, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => BeveragePrepared, e => e.CorrelateById(m => m.Message.CoffeeOrderId));
        Event(() => BeverageSpoiled, e => e.CorrelateById(m => m.Message.CoffeeOrderId));
        Event(() => CustomerNotified, e => e.CorrelateById(m => m.Message.CoffeeOrderId));
        Event(() => CancelOrder, e =>
        {
            e.CorrelateById(m => m.Message.CoffeeOrderId);
            e.OnMissingInstance(m => m.Discard());
        });
        Succeeded(Completed);
        Terminal(Rejected, PaymentFailed, OutOfStock, PreparationFailed);

        Initially(
            WhenStarted(StartCoffeeOrder, Problem,
                valid => valid
                    .Then(x => Start(x.Saga, x.Message))
                    .RecordCompensation(PaymentStep, x => new RefundPayment(x.Saga.CorrelationId, x.Saga.CustomerId, x.Saga.Price))
                    .StartStep(steps, PaymentStep, x => Charge(x.Saga))
                    .TransitionTo(Paying),
                invalid => invalid
                    .Then(x => Start(x.Saga, x.Message))
                    .TransitionTo(Rejected)));

        During(Paying,
            When(PaymentCharged)
                .RecordCompensation(IngredientsStep, x => new ReleaseInventory(x.Saga.CorrelationId))
                .StartStep(steps, IngredientsStep, x => TakeIngredients(x.Saga))
                .TransitionTo(TakingIngredients),
            When(PaymentDeclined)
                .ForgetCompensation(PaymentStep)
                .Compensate(x => x.Message.Reason, PaymentFailed),
            RetryOrGiveUp(x => Charge(x.Saga), giveUp => giveUp.Compensate(x => x.GaveUpReason(), PaymentFailed)));

        During(TakingIngredients,
            When(IngredientsTaken)
                .StartStep(steps, PrepareStep, x => Prepare(x.Saga))
                .TransitionTo(Preparing),
            When(IngredientsMissing)
                .ForgetCompensation(IngredientsStep)
                .Compensate(x => x.Message.Reason, OutOfStock),
            RetryOrGiveUp(x => TakeIngredients(x.Saga), giveUp => giveUp.Compensate(x => x.GaveUpReason(), OutOfStock)));

        During(Preparing,
            When(BeveragePrepared)
                // A beverage handed over is not taken back: from here the order only moves forward.
                .Then(x => x.Saga.Compensations.Clear())
                .StartStep(steps, NotifyStep, x => Notify(x.Saga))
                .TransitionTo(Notifying),
            When(BeverageSpoiled)
                .Compensate(x => x.Message.Reason, PreparationFailed),
            RetryOrGiveUp(x => Prepare(x.Saga), giveUp => giveUp.Compensate(x => x.GaveUpReason(), PreparationFailed)));

        During(Notifying,
            When(CustomerNotified)
                .EndStep()
                .TransitionTo(Completed),
            // The beverage is on the counter whether or not the message reached the customer.
            RetryOrGiveUp(x => Notify(x.Saga), giveUp => giveUp.GiveUp(reason => $"customer not told: {reason}").TransitionTo(Completed)));

        During(Cancellable,
            When(CancelOrder)
                .Compensate(x => $"cancelled: {x.Message.Reason ?? "by the customer"}", Cancelled));
    }

    public State Paying { get; private set; } = null!;
    public State TakingIngredients { get; private set; } = null!;
    public State Preparing { get; private set; } = null!;
    public State Notifying { get; private set; } = null!;
    public State Completed { get; private set; } = null!;

    /// <summary>The request broke a rule; nothing was done.</summary>
    public State Rejected { get; private set; } = null!;

    public State PaymentFailed { get; private set; } = null!;
    public State OutOfStock { get; private set; } = null!;
    public State PreparationFailed { get; private set; } = null!;

    public Event<StartCoffeeOrder> StartCoffeeOrder { get; private set; } = null!;
    public Event<PaymentCharged> PaymentCharged { get; private set; } = null!;
    public Event<PaymentDeclined> PaymentDeclined { get; private set; } = null!;
    public Event<InventoryReserved> IngredientsTaken { get; private set; } = null!;
    public Event<InventoryRejected> IngredientsMissing { get; private set; } = null!;
    public Event<BeveragePrepared> BeveragePrepared { get; private set; } = null!;
    public Event<BeverageSpoiled> BeverageSpoiled { get; private set; } = null!;
    public Event<CustomerNotified> CustomerNotified { get; private set; } = null!;
    public Event<CancelCoffeeOrder> CancelOrder { get; private set; } = null!;

    /// <summary>Until the beverage is ready, a cancel undoes the order.</summary>
    State[] Cancellable => [Paying, TakingIngredients, Preparing];

    public override string? RefuseCancel(CoffeeOrderState saga) =>
        Cancellable.Any(s => s.Name == saga.CurrentState) ? null
        : HasEnded(saga) ? $"it has already ended in {saga.CurrentState}"
        : "the beverage is ready";

    /// <summary>One set of rules for a start, whether it came over HTTP or the bus.</summary>
    public static string? Problem(StartCoffeeOrder request) =>
        request.CoffeeOrderId == Guid.Empty ? "coffeeOrderId is required"
        : string.IsNullOrWhiteSpace(request.CustomerId) || request.CustomerId.Length > CustomerIdLength ? $"customerId is required (at most {CustomerIdLength} characters)"
        : !CoffeeMenu.Beverages.ContainsKey(request.Beverage ?? "") ? $"beverage must be one of {string.Join(", ", CoffeeMenu.Beverages.Keys)}"
        : null;

    static void Start(CoffeeOrderState saga, StartCoffeeOrder request)
    {
        saga.CustomerId = request.CustomerId ?? "";
        saga.Beverage = request.Beverage ?? "";
        saga.Price = CoffeeMenu.Beverages.TryGetValue(saga.Beverage, out var beverage) ? beverage.Price : 0;
    }

    static ChargePayment Charge(CoffeeOrderState saga) => new(saga.CorrelationId, saga.CustomerId, saga.Price);

    static ReserveInventory TakeIngredients(CoffeeOrderState saga) => new(saga.CorrelationId, CoffeeMenu.Beverages[saga.Beverage].Ingredients);

    /// <summary>From the stages the last send reported done: a retry does not grind the beans again.</summary>
    static PrepareBeverage Prepare(CoffeeOrderState saga) => new(saga.CorrelationId, saga.Beverage, saga.StepProgress ?? 0);

    static NotifyCustomer Notify(CoffeeOrderState saga) => new(saga.CorrelationId, saga.CustomerId, saga.Beverage);
}
