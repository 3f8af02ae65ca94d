using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.BonusCalculations;

/// <summary>Pays one period's bonus to the eligible accounts and keeps the counts; a run for a paid period pays nothing.</summary>
public class BonusCalculationStateMachine : DurableStateMachine<BonusCalculationState>
{
    public BonusCalculationStateMachine()
    {
        Event(() => StartBonusCalculation, e => e.CorrelateById(m => m.Message.CalculationId));
        Event(() => BonusesCredited, e => e.CorrelateById(m => m.Message.CalculationId));
        Terminal(Completed, Rejected);

        Initially(
            When(StartBonusCalculation, x => BonusCalculationValidation.Problem(x.Message) is not null || x.Message.Period is null)
                .Then(x => Start(x.Saga, x.Message))
                .TransitionTo(Rejected),
            When(StartBonusCalculation, x => BonusCalculationValidation.Problem(x.Message) is null && x.Message.Period is not null)
                .Then(x => Start(x.Saga, x.Message))
                .Publish(x => new CreditBonuses(x.Saga.CorrelationId, x.Saga.Period, x.Saga.Amount, x.Saga.MinimumBalance))
                .TransitionTo(Crediting));

        During(Crediting,
            When(BonusesCredited)
                .Then(x =>
                {
                    x.Saga.EligibleCount = x.Message.Eligible;
                    x.Saga.CreditedCount = x.Message.Credited;
                    x.Saga.AlreadyPaidCount = x.Message.AlreadyPaid;
                    x.Saga.TotalCredited = x.Message.TotalCredited;
                })
                .TransitionTo(Completed));

        DuringAny(Ignore(StartBonusCalculation));
        During(Completed, Ignore(BonusesCredited));
    }

    public State Crediting { get; private set; } = null!;
    public State Completed { get; private set; } = null!;

    /// <summary>The request broke a rule (or named no period); nothing was paid.</summary>
    public State Rejected { get; private set; } = null!;

    public Event<StartBonusCalculation> StartBonusCalculation { get; private set; } = null!;
    public Event<BonusesCredited> BonusesCredited { get; private set; } = null!;

    static void Start(BonusCalculationState saga, StartBonusCalculation message)
    {
        saga.Period = message.Period ?? "";
        saga.Amount = message.Amount;
        saga.MinimumBalance = message.MinimumBalance;
    }
}
