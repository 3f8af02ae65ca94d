using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.BonusCalculations;

/// <summary>Pays one period's bonus to the eligible accounts and keeps the counts; a run for a paid period pays nothing.</summary>
public class BonusCalculationStateMachine : SteppingStateMachine<BonusCalculationState>
{
    public const string CreditStep = "CreditBonuses";

    public BonusCalculationStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => StartBonusCalculation, e => e.CorrelateById(m => m.Message.CalculationId));
        Event(() => BonusesCredited, e => e.CorrelateById(m => m.Message.CalculationId));
        Succeeded(Completed);
        Terminal(Rejected, Failed);

        Initially(
            WhenStarted(StartBonusCalculation, m => BonusCalculationValidation.Problem(m) ?? (m.Period is null ? "no period to pay" : null),
                valid => valid
                    .Then(x => Start(x.Saga, x.Message))
                    .StartStep(steps, CreditStep, x => Credit(x.Saga))
                    .TransitionTo(Crediting),
                invalid => invalid
                    .Then(x => Start(x.Saga, x.Message))
                    .TransitionTo(Rejected)));

        During(Crediting,
            When(BonusesCredited)
                .EndStep()
                .Then(x =>
                {
                    x.Saga.EligibleCount = x.Message.Eligible;
                    x.Saga.CreditedCount = x.Message.Credited;
                    x.Saga.AlreadyPaidCount = x.Message.AlreadyPaid;
                    x.Saga.TotalCredited = x.Message.TotalCredited;
                })
                .TransitionTo(Completed),
            RetryOrGiveUp(x => Credit(x.Saga), giveUp => giveUp.GiveUp().TransitionTo(Failed)));
    }

    public State Crediting { get; private set; } = null!;
    public State Completed { get; private set; } = null!;

    /// <summary>The request broke a rule (or named no period); nothing was paid.</summary>
    public State Rejected { get; private set; } = null!;

    /// <summary>The ledger never answered; what was paid stays paid, and a new run of the period pays the rest.</summary>
    public State Failed { get; private set; } = null!;

    public Event<StartBonusCalculation> StartBonusCalculation { get; private set; } = null!;
    public Event<BonusesCredited> BonusesCredited { get; private set; } = null!;

    static CreditBonuses Credit(BonusCalculationState saga) => new(saga.CorrelationId, saga.Period, saga.Amount, saga.MinimumBalance);

    static void Start(BonusCalculationState saga, StartBonusCalculation message)
    {
        saga.Period = message.Period ?? "";
        saga.Amount = message.Amount;
        saga.MinimumBalance = message.MinimumBalance;
    }
}
