using Sagas.Contracts;
using Sagas.Operations.Schedules;

namespace Sagas.Orchestrator.Workflows.BonusCalculations;

/// <summary>Lets schedules start a bonus run: by default for the month of the fire, in the schedule's time zone.</summary>
public sealed class BonusCalculationStarter : WorkflowStarter<StartBonusCalculation, BonusCalculationState>
{
    public override string Workflow => "BonusCalculation";

    protected override StartBonusCalculation ForRun(StartBonusCalculation input, ScheduledRun run) => input with
    {
        CalculationId = run.RunId,
        Period = input.Period ?? run.ScheduledFor.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override string? InputProblem(StartBonusCalculation input) => BonusCalculationValidation.Problem(input);
}
