using Sagas.ActivityWorkers.Provisioning;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.Provisioning;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Provisioning;

/// <summary>The parallel fan-out and its rollback on PostgreSQL and RabbitMQ.</summary>
public sealed class ProvisioningRealStackTests
{
    [Fact]
    public async Task A_failing_provider_rolls_back_the_others_on_postgres_and_rabbitmq() =>
        await TestStacks.OnRealStackAsync(async settings =>
        {
            settings["Sagas:Activities:ProvisionResource:FailingProviders:0"] = "gcp";
            await using var host = await OrchestratorHost.StartAsync(settings);
            var (failing, succeeding) = (Guid.NewGuid(), Guid.NewGuid());

            await host.Bus.Publish(new StartProvisioning { ProvisioningId = failing, Environment = "staging", Providers = ["aws", "azure", "gcp", "dns"] });
            await host.Bus.Publish(new StartProvisioning { ProvisioningId = succeeding, Environment = "production", Providers = ["aws", "azure", "dns"] });

            var rolledBack = await host.Services.WaitForStateAsync<ProvisioningState>(failing, "RolledBack", TimeSpan.FromSeconds(60));
            await host.Services.WaitForStateAsync<ProvisioningState>(succeeding, "Provisioned", TimeSpan.FromSeconds(60));
            var rows = await host.Services.WorkerRowsAsync<ProvisionedResource>();

            Assert.Equal("gcp: ProviderRefused", rolledBack.FailureReason);
            Assert.Equal(
                [("aws", ResourceStatuses.Deprovisioned), ("azure", ResourceStatuses.Deprovisioned), ("dns", ResourceStatuses.Deprovisioned), ("gcp", ResourceStatuses.Failed)],
                rows.Where(r => r.ProvisioningId == failing).OrderBy(r => r.Provider).Select(r => (r.Provider, r.Status)));
            Assert.Equal(
                [("aws", ResourceStatuses.Provisioned), ("azure", ResourceStatuses.Provisioned), ("dns", ResourceStatuses.Provisioned)],
                rows.Where(r => r.ProvisioningId == succeeding).OrderBy(r => r.Provider).Select(r => (r.Provider, r.Status)));
        });
}
