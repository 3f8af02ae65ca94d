using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

/// <summary>A fulfilment's payment child: charge the customer; the parent may later ask for the charge to be undone.</summary>
public class PaymentStateMachine : CompensatingStateMachine<PaymentState>
{
    public const string ChargeStep = "ChargePayment";

    public PaymentStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => StartPayment, e => e.CorrelateById(m => m.Message.PaymentId));
        Event(() => PaymentCharged, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentDeclined, e => e.CorrelateById(m => m.Message.OrderId));
        Succeeded(Charged);
        Terminal(Declined);

        Initially(
            When(StartPayment)
                .Then(x => (x.Saga.CustomerId, x.Saga.Amount) = (x.Message.CustomerId, x.Message.Amount))
                .RecordCompensation(ChargeStep, x => new RefundPayment(x.Saga.CorrelationId, x.Saga.CustomerId, x.Saga.Amount))
                .StartStep(steps, ChargeStep, x => Charge(x.Saga))
                .TransitionTo(Charging));

        During(Charging,
            When(PaymentCharged)
                .EndStep()
                .TransitionTo(Charged),
            When(PaymentDeclined)
                .EndStep()
                .ForgetCompensation(ChargeStep)
                .Then(x => x.Saga.FailureReason = x.Message.Reason)
                .TransitionTo(Declined),
            RetryOrGiveUp(x => Charge(x.Saga), giveUp => giveUp.Compensate(x => x.GaveUpReason(), Declined)));
    }

    public State Charging { get; private set; } = null!;
    public State Charged { get; private set; } = null!;
    public State Declined { get; private set; } = null!;

    public Event<StartPayment> StartPayment { get; private set; } = null!;
    public Event<PaymentCharged> PaymentCharged { get; private set; } = null!;
    public Event<PaymentDeclined> PaymentDeclined { get; private set; } = null!;

    static ChargePayment Charge(PaymentState saga) => new(saga.CorrelationId, saga.CustomerId, saga.Amount);
}
