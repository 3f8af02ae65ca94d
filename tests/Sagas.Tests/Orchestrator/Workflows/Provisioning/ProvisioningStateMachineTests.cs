using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;
using Sagas.Orchestrator.Workflows.Provisioning;
using ProvisioningHarness = Sagas.Tests.Infrastructure.StateMachineHarness<Sagas.Orchestrator.Workflows.Provisioning.ProvisioningStateMachine, Sagas.Orchestrator.Workflows.Provisioning.ProvisioningState>;

namespace Sagas.Tests.Orchestrator.Workflows.Provisioning;

/// <summary>The transitions of <see cref="ProvisioningStateMachine"/>, on MassTransit's in-memory test harness.</summary>
public class ProvisioningStateMachineTests
{
    const string Environment = "staging";
    static readonly string[] AllProviders = ["aws", "azure", "gcp", "dns"];

    [Fact]
    public async Task Every_provider_is_asked_at_once_and_all_succeeding_provisions_the_environment()
    {
        await using var t = await ProvisioningHarness.StartAsync();
        var id = NewId.NextGuid();

        await t.Deliver(Start(id, AllProviders));

        var asked = await t.WaitPublished<ProvisionResource>(m => m.ProvisioningId == id, AllProviders.Length);
        Assert.Equal(AllProviders, asked.Select(m => m.Context.Message.Provider));
        Assert.All(asked, m =>
        {
            Assert.Equal(Environment, m.Context.Message.Environment);
            Assert.Equal(ProvisioningStateMachine.ProvisionStep, m.Context.Headers.Get<string>(StepHeaders.Step));
            Assert.Equal(1, m.Context.Headers.Get<int>(StepHeaders.Attempt));
            Assert.NotNull(m.Context.ResponseAddress);
        });
        var waiting = await t.InState(id, x => x.Provisioning);
        Assert.All(waiting.Providers, p => Assert.Equal(ProviderStatuses.Pending, p.Status));

        foreach (var provider in new[] { "dns", "aws", "gcp" })
            await t.Deliver(new ResourceProvisioned(id, provider, $"{provider}-1"));
        await t.Deliver(new ResourceProvisioned(id, "aws", "aws-again"));
        var stillWaiting = await t.InState(id, x => x.Provisioning);
        Assert.Equal(ProviderStatuses.Pending, stillWaiting.Providers.Single(p => p.Provider == "azure").Status);
        await t.Deliver(new ResourceProvisioned(id, "azure", "azure-1"));

        var saga = await t.InState(id, x => x.Provisioned);
        Assert.Equal(AllProviders.Select(p => new ProviderResource(p, ProviderStatuses.Provisioned, $"{p}-1")), saga.Providers);
        Assert.Null(saga.CurrentStep);
        Assert.Null(saga.FailureReason);
        Assert.NotNull(saga.CompletedAt);
        var completed = Assert.Single(t.Published<ProvisioningCompleted>(m => m.ProvisioningId == id)).Context.Message;
        Assert.Equal(AllProviders, completed.Providers);
        Assert.Empty(t.Published<DeprovisionResource>(m => m.ProvisioningId == id));
        Assert.Empty(t.Published<ProvisioningFailed>(m => m.ProvisioningId == id));
    }

    [Fact]
    public async Task One_failure_deprovisions_exactly_the_others_newest_first_and_rolls_back()
    {
        await using var t = await ProvisioningHarness.StartAsync();
        var id = NewId.NextGuid();
        await t.Deliver(Start(id, AllProviders));

        await t.Deliver(new ResourceProvisioned(id, "dns", "dns-1"));
        await t.Deliver(new ResourceProvisionFailed(id, "gcp", ProvisioningFailures.ProviderRefused));
        await t.Deliver(new ResourceProvisioned(id, "aws", "aws-1"));
        await t.Deliver(new ResourceProvisioned(id, "azure", "azure-1"));

        // Newest first: azure, then aws, then dns; gcp made nothing, so it has nothing to undo.
        foreach (var (provider, done) in new[] { ("azure", 1), ("aws", 2), ("dns", 3) })
        {
            var compensating = await t.WaitFor(id, s => s.CurrentStep == $"DeprovisionResource/{provider}", $"the deprovision of {provider}");
            Assert.Equal("Compensating", compensating.CurrentState);
            var sent = await t.WaitPublished<DeprovisionResource>(m => m.ProvisioningId == id, done);
            Assert.Equal(new DeprovisionResource(id, provider, Environment), sent[^1].Context.Message);
            Assert.Equal($"DeprovisionResource/{provider}", sent[^1].Context.Headers.Get<string>(StepHeaders.Step));
            await t.Deliver(new CompensationCompleted(id, $"DeprovisionResource/{provider}"));
        }

        var saga = await t.InState(id, x => x.RolledBack);
        Assert.Equal("gcp: ProviderRefused", saga.FailureReason);
        Assert.Equal(
            [("aws", ProviderStatuses.Deprovisioned), ("azure", ProviderStatuses.Deprovisioned), ("gcp", ProviderStatuses.Failed), ("dns", ProviderStatuses.Deprovisioned)],
            saga.Providers.Select(p => (p.Provider, p.Status)));
        Assert.Empty(saga.Compensations);
        Assert.Null(saga.CurrentStep);
        Assert.NotNull(saga.CompletedAt);
        Assert.Equal(["azure", "aws", "dns"], t.Published<DeprovisionResource>(m => m.ProvisioningId == id).Select(m => m.Context.Message.Provider));
        Assert.Equal(new ProvisioningFailed(id, Environment, "gcp: ProviderRefused", RolledBack: true),
            Assert.Single(t.Published<ProvisioningFailed>(m => m.ProvisioningId == id)).Context.Message);
        Assert.Empty(t.Published<ProvisioningCompleted>(m => m.ProvisioningId == id));
    }

    [Fact]
    public async Task A_repeated_answer_to_one_deprovision_is_not_taken_for_the_next_one()
    {
        await using var t = await ProvisioningHarness.StartAsync();
        var id = NewId.NextGuid();
        await t.Deliver(Start(id, ["aws", "azure", "gcp"]));
        await t.Deliver(new ResourceProvisioned(id, "aws", "aws-1"));
        await t.Deliver(new ResourceProvisioned(id, "azure", "azure-1"));
        await t.Deliver(new ResourceProvisionFailed(id, "gcp", ProvisioningFailures.ProviderRefused));
        await t.WaitFor(id, s => s.CurrentStep == "DeprovisionResource/azure", "the deprovision of azure");

        await t.Deliver(new CompensationCompleted(id, "DeprovisionResource/azure"));
        await t.WaitFor(id, s => s.CurrentStep == "DeprovisionResource/aws", "the deprovision of aws");
        await t.Deliver(new CompensationCompleted(id, "DeprovisionResource/azure"));

        var saga = await t.InState(id, x => x.Compensating);
        Assert.Equal("DeprovisionResource/aws", saga.CurrentStep);
        Assert.Equal(ProviderStatuses.Provisioned, saga.Providers.Single(p => p.Provider == "aws").Status);
        Assert.True(saga.HasCompensationFor(ProvisioningStateMachine.ProvisionStep, "aws"));
    }

    [Fact]
    public async Task When_every_provider_fails_nothing_is_deprovisioned()
    {
        await using var t = await ProvisioningHarness.StartAsync();
        var id = NewId.NextGuid();
        await t.Deliver(Start(id, ["aws", "gcp"]));

        await t.Deliver(new ResourceProvisionFailed(id, "aws", "QuotaExceeded"));
        await t.Deliver(new ResourceProvisionFailed(id, "gcp", ProvisioningFailures.ProviderRefused));

        var saga = await t.InState(id, x => x.RolledBack);
        Assert.Equal("aws: QuotaExceeded; gcp: ProviderRefused", saga.FailureReason);
        Assert.All(saga.Providers, p => Assert.Equal(ProviderStatuses.Failed, p.Status));
        Assert.Empty(t.Published<DeprovisionResource>(m => m.ProvisioningId == id));
        Assert.Single(t.Published<ProvisioningFailed>(m => m.ProvisioningId == id));
    }

    [Fact]
    public async Task Unanswered_providers_are_asked_again_then_deprovisioned_and_a_late_success_changes_nothing()
    {
        var quick = new ActivityStepOptions { StartToClose = TimeSpan.FromSeconds(1.5), MaxAttempts = 2 };
        var patient = new ActivityStepOptions { StartToClose = TimeSpan.FromMinutes(10), MaxAttempts = 2 };
        await using var t = await ProvisioningHarness.StartAsync(new Dictionary<string, ActivityStepOptions>
        {
            [ProvisioningStateMachine.ProvisionStep] = quick,
            ["DeprovisionResource"] = patient,
        });
        var id = NewId.NextGuid();
        await t.Deliver(Start(id, ["aws", "gcp", "dns"]));
        await t.Deliver(new ResourceProvisioned(id, "aws", "aws-1"));
        await t.Deliver(new ResourceProvisioned(id, "dns", "dns-1"));

        // The deadline covers the whole fan-out: only the provider still silent is asked again.
        var resent = await t.WaitPublished<ProvisionResource>(m => m.ProvisioningId == id, 4);
        Assert.Equal(["aws", "gcp", "dns", "gcp"], resent.Select(m => m.Context.Message.Provider));
        Assert.Equal(2, resent[^1].Context.Headers.Get<int>(StepHeaders.Attempt));

        // The attempts run out: gcp may still have been made, so it is deprovisioned like a success,
        // first since it was recorded last.
        // The harness's saga is the live object: wait for the transition too, not only the step it sets first.
        var compensating = await t.WaitFor(id, s => s.CurrentStep == "DeprovisionResource/gcp" && s.CurrentState == "Compensating", "the deprovision of gcp");
        Assert.Equal("Compensating", compensating.CurrentState);
        Assert.Equal("gcp: no answer after 2 attempts", compensating.FailureReason);
        Assert.Equal(ProviderStatuses.Unanswered, compensating.Providers.Single(p => p.Provider == "gcp").Status);
        Assert.Equal(4, t.Published<ProvisionResource>(m => m.ProvisioningId == id).Count);

        var late = await t.Deliver(new ResourceProvisioned(id, "gcp", "gcp-late"));
        Assert.Null(late.Exception);
        var unchanged = await t.InState(id, x => x.Compensating);
        Assert.Equal("DeprovisionResource/gcp", unchanged.CurrentStep);
        Assert.Null(unchanged.Providers.Single(p => p.Provider == "gcp").ResourceId);

        foreach (var provider in new[] { "gcp", "dns", "aws" })
        {
            await t.WaitFor(id, s => s.CurrentStep == $"DeprovisionResource/{provider}", $"the deprovision of {provider}");
            await t.Deliver(new CompensationCompleted(id, $"DeprovisionResource/{provider}"));
        }

        var saga = await t.InState(id, x => x.RolledBack);
        Assert.All(saga.Providers, p => Assert.Equal(ProviderStatuses.Deprovisioned, p.Status));
        Assert.Equal(["gcp", "dns", "aws"], t.Published<DeprovisionResource>(m => m.ProvisioningId == id).Select(m => m.Context.Message.Provider));
    }

    [Fact]
    public async Task A_deprovision_that_cannot_succeed_needs_attention()
    {
        await using var t = await ProvisioningHarness.StartAsync();
        var id = NewId.NextGuid();
        await t.Deliver(Start(id, ["aws", "azure", "gcp"]));
        await t.Deliver(new ResourceProvisioned(id, "aws", "aws-1"));
        await t.Deliver(new ResourceProvisioned(id, "azure", "azure-1"));
        await t.Deliver(new ResourceProvisionFailed(id, "gcp", ProvisioningFailures.ProviderRefused));
        await t.WaitFor(id, s => s.CurrentStep == "DeprovisionResource/azure", "the deprovision of azure");
        await t.Deliver(new CompensationCompleted(id, "DeprovisionResource/azure"));
        await t.WaitFor(id, s => s.CurrentStep == "DeprovisionResource/aws", "the deprovision of aws");

        await t.Deliver(new CompensationFailed(id, "DeprovisionResource/aws", "aws refused to remove aws-1"));

        var saga = await t.InState(id, x => x.NeedsAttention);
        Assert.Equal("gcp: ProviderRefused; DeprovisionResource/aws failed: aws refused to remove aws-1", saga.FailureReason);
        Assert.Equal(
            [("aws", ProviderStatuses.Provisioned), ("azure", ProviderStatuses.Deprovisioned), ("gcp", ProviderStatuses.Failed)],
            saga.Providers.Select(p => (p.Provider, p.Status)));
        Assert.NotNull(saga.CompletedAt);
        var alert = Assert.Single(t.Published<ProvisioningNeedsAttention>(m => m.ProvisioningId == id)).Context.Message;
        Assert.Equal(saga.FailureReason, alert.Reason);
        Assert.Empty(t.Published<ProvisioningFailed>(m => m.ProvisioningId == id));
    }

    [Theory]
    [InlineData("", new[] { "aws" }, "environment is required")]
    [InlineData(Environment, new string[0], "providers must name at least one provider")]
    [InlineData(Environment, new[] { "aws", "aws" }, "provider 'aws' is named twice")]
    [InlineData(Environment, new[] { "AWS" }, "provider 'AWS' must be 1-32 lower-case letters, digits or '-'")]
    public async Task An_invalid_request_fails_without_asking_any_provider(string environment, string[] providers, string reason)
    {
        await using var t = await ProvisioningHarness.StartAsync();
        var id = NewId.NextGuid();

        await t.Deliver(Start(id, providers) with { Environment = environment });

        var saga = await t.InState(id, x => x.Failed);
        Assert.Equal(reason, saga.FailureReason);
        Assert.Empty(t.Published<ProvisionResource>(m => m.ProvisioningId == id));
        Assert.Equal(new ProvisioningFailed(id, environment, reason, RolledBack: false),
            Assert.Single(t.Published<ProvisioningFailed>(m => m.ProvisioningId == id)).Context.Message);
    }

    static StartProvisioning Start(Guid id, string[] providers) => new() { ProvisioningId = id, Environment = Environment, Providers = providers };
}
