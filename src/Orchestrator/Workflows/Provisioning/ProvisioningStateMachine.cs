using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Provisioning;

/// <summary>
/// Provisions an environment on every provider at once, all or nothing. Each success records its
/// deprovision; once every provider has answered, the environment is <c>Provisioned</c> or, if one
/// failed, the successes are deprovisioned newest first and it ends <c>RolledBack</c>. The whole
/// fan-out shares one deadline: the unanswered are asked again, and once the attempts run out they
/// count as failed and are deprovisioned too, since an answer may still be on its way.
/// </summary>
public class ProvisioningStateMachine : CompensatingStateMachine<ProvisioningState>
{
    public const string ProvisionStep = "ProvisionResource";

    public ProvisioningStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => StartProvisioning, e => e.CorrelateById(m => m.Message.ProvisioningId));
        Event(() => ResourceProvisioned, e => e.CorrelateById(m => m.Message.ProvisioningId));
        Event(() => ResourceProvisionFailed, e => e.CorrelateById(m => m.Message.ProvisioningId));
        Succeeded(Provisioned);
        Terminal(Failed, RolledBack);

        Initially(
            WhenStarted(StartProvisioning, ProvisioningValidation.Problem,
                valid => valid
                    .Then(x => Start(x.Saga, x.Message))
                    .StartParallelStep(steps, ProvisionStep, x => x.Saga.Pending.Select(p => Provision(x.Saga, p)), ByProvider)
                    .TransitionTo(Provisioning),
                invalid => invalid
                    .Then(x => Reject(x.Saga, x.Message))
                    .TransitionTo(Failed)
                    .Publish(x => new ProvisioningFailed(x.Saga.CorrelationId, x.Saga.Environment, x.Saga.FailureReason!, RolledBack: false))));

        // A second answer from a provider (it was asked twice) matches no pending provider: the first counted.
        During(Provisioning,
            When(ResourceProvisioned, x => x.Saga.IsPending(x.Message.Provider))
                .Then(x => x.Saga.Update(x.Message.Provider, p => p with { Status = ProviderStatuses.Provisioned, ResourceId = x.Message.ResourceId }))
                .RecordCompensations(ProvisionStep, x => new[] { (x.Message.Provider, Deprovision(x.Saga, x.Message.Provider)) }, branchIsRoute: true)
                .If(x => x.Saga.AllAnswered, FinishProvisioning),
            When(ResourceProvisionFailed, x => x.Saga.IsPending(x.Message.Provider))
                .Then(x => x.Saga.Update(x.Message.Provider, p => p with { Status = ProviderStatuses.Failed, Reason = x.Message.Reason }))
                .If(x => x.Saga.AllAnswered, FinishProvisioning),
            RetryOrGiveUp(x => x.Saga.Pending.Select(p => Provision(x.Saga, p)), giveUp => giveUp
                .Then(GiveUpOnUnanswered)
                .RecordCompensations(ProvisionStep, x => x.Saga.Providers
                    .Where(p => p.Status == ProviderStatuses.Unanswered)
                    .Select(p => (p.Provider, Deprovision(x.Saga, p.Provider))), branchIsRoute: true)
                .Compensate(x => FailureSummary(x.Saga), RolledBack), ByProvider));

        WhenEnter(RolledBack, x => x
            .Then(x => MarkDeprovisioned(x.Saga))
            .Publish(x => new ProvisioningFailed(x.Saga.CorrelationId, x.Saga.Environment, x.Saga.FailureReason!, RolledBack: true)));
        WhenEnter(Compensated, x => x.Then(x => MarkDeprovisioned(x.Saga)));
        WhenEnter(NeedsAttention, x => x
            .Then(x => MarkDeprovisioned(x.Saga))
            .Publish(x => new ProvisioningNeedsAttention(x.Saga.CorrelationId, x.Saga.Environment, x.Saga.FailureReason!)));

        // Answers after the decision are ignored, as any event a state does not handle: a late success
        // is of a provider already being deprovisioned (its deprovision removes it, or ran first and made the provision refuse).
    }

    public State Provisioning { get; private set; } = null!;
    public State Provisioned { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State RolledBack { get; private set; } = null!;

    public Event<StartProvisioning> StartProvisioning { get; private set; } = null!;
    public Event<ResourceProvisioned> ResourceProvisioned { get; private set; } = null!;
    public Event<ResourceProvisionFailed> ResourceProvisionFailed { get; private set; } = null!;

    /// <summary>Every provider answered: done if all succeeded, otherwise undo the successes.</summary>
    EventActivityBinder<ProvisioningState, T> FinishProvisioning<T>(EventActivityBinder<ProvisioningState, T> answered)
        where T : class =>
        answered.IfElse(x => x.Saga.AllProvisioned,
            provisioned => provisioned
                .EndStep()
                .Publish(x => new ProvisioningCompleted(x.Saga.CorrelationId, x.Saga.Environment, x.Saga.Providers.Select(p => p.Provider).ToList()))
                .TransitionTo(Provisioned),
            failed => failed
                .Compensate(x => FailureSummary(x.Saga), RolledBack));

    /// <summary>Each provider's commands take that provider's task queue, when its activity routes to task queues.</summary>
    static string ByProvider(ProvisionResource command) => command.Provider;

    static ProvisionResource Provision(ProvisioningState saga, string provider) => new(saga.CorrelationId, provider, saga.Environment);

    static DeprovisionResource Deprovision(ProvisioningState saga, string provider) => new(saga.CorrelationId, provider, saga.Environment);

    static void Start(ProvisioningState saga, StartProvisioning message)
    {
        saga.Environment = message.Environment;
        saga.Providers = message.Providers.Select(p => new ProviderResource(p, ProviderStatuses.Pending)).ToList();
    }

    /// <summary>An invalid request is kept as a failed saga, so an over-long name must still fit its column.</summary>
    static void Reject(ProvisioningState saga, StartProvisioning message) =>
        saga.Environment = message.Environment is { Length: > 64 } environment ? environment[..64] : message.Environment ?? "";

    static void GiveUpOnUnanswered(BehaviorContext<ProvisioningState, StepTimedOut> context)
    {
        var reason = $"no answer after {context.Saga.StepAttempt} attempts";
        foreach (var provider in context.Saga.Pending.ToList())
            context.Saga.Update(provider, p => p with { Status = ProviderStatuses.Unanswered, Reason = reason });
    }

    /// <summary>
    /// Why the environment is rolled back, provider by provider; kept short because an undo that
    /// fails appends its own reason to the same column.
    /// </summary>
    static string FailureSummary(ProvisioningState saga)
    {
        var summary = string.Join("; ", saga.Providers
            .Where(p => p.Status is ProviderStatuses.Failed or ProviderStatuses.Unanswered)
            .Select(p => $"{p.Provider}: {p.Reason}"));
        return summary.Length <= 256 ? summary : summary[..255] + "…";
    }

    /// <summary>Providers whose deprovision has run (it is no longer pending) are marked so.</summary>
    static void MarkDeprovisioned(ProvisioningState saga)
    {
        foreach (var provider in saga.Providers.Where(p => p.Status is ProviderStatuses.Provisioned or ProviderStatuses.Unanswered).ToList())
        {
            if (!saga.HasCompensationFor(ProvisionStep, provider.Provider))
                saga.Update(provider.Provider, p => p with { Status = ProviderStatuses.Deprovisioned });
        }
    }
}
