using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Sagas.ActivityWorkers.Provisioning;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Orchestrator.Workflows.Provisioning;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Provisioning;

/// <summary><c>/api/provisionings</c> over real HTTP, with the activities writing <c>provisioned_resources</c> on SQLite.</summary>
public sealed class ProvisioningApiTests
{
    static readonly string[] AllProviders = ["aws", "azure", "gcp", "dns"];

    [Fact]
    public async Task A_failing_provider_leaves_nothing_provisioned_and_without_one_everything_is() =>
        await TestStacks.OnEmbeddedAsync(async settings =>
        {
            settings["Sagas:Activities:ProvisionResource:FailingProviders:0"] = "gcp";
            await using var api = await ApiHost.StartAsync(settings);

            var failing = await StartAsync(api, "staging", AllProviders);
            var succeeding = await StartAsync(api, "production", ["aws", "azure", "dns"]);

            var rolledBack = await api.Services.WaitForStateAsync<ProvisioningState>(failing, "RolledBack");
            var provisioned = await api.Services.WaitForStateAsync<ProvisioningState>(succeeding, "Provisioned");
            var rows = await api.Services.WorkerRowsAsync<ProvisionedResource>();

            Assert.Equal("gcp: ProviderRefused", rolledBack.FailureReason);
            var failedRows = rows.Where(r => r.ProvisioningId == failing).ToDictionary(r => r.Provider);
            Assert.Equal(AllProviders.Order(), failedRows.Keys.Order());
            Assert.DoesNotContain(failedRows.Values, r => r.Status == ResourceStatuses.Provisioned);
            Assert.Equal(ResourceStatuses.Failed, failedRows["gcp"].Status);
            Assert.All(["aws", "azure", "dns"], p =>
            {
                Assert.Equal(ResourceStatuses.Deprovisioned, failedRows[p].Status);
                Assert.NotNull(failedRows[p].DeprovisionedAt);
            });

            Assert.All(provisioned.Providers, p => Assert.Equal(ProviderStatuses.Provisioned, p.Status));
            var madeRows = rows.Where(r => r.ProvisioningId == succeeding).ToList();
            Assert.Equal(["aws", "azure", "dns"], madeRows.Select(r => r.Provider).Order());
            Assert.All(madeRows, r =>
            {
                Assert.Equal(ResourceStatuses.Provisioned, r.Status);
                Assert.Equal("production", r.Environment);
                Assert.Equal(provisioned.Providers.Single(p => p.Provider == r.Provider).ResourceId, r.ResourceId);
            });

            var view = await api.Http.GetFromJsonAsync<JsonElement>($"/api/provisionings/{failing}");
            Assert.Equal("RolledBack", view.GetProperty("state").GetString());
            Assert.Equal("gcp: ProviderRefused", view.GetProperty("failureReason").GetString());
            Assert.Equal(
                [("aws", "Deprovisioned"), ("azure", "Deprovisioned"), ("gcp", "Failed"), ("dns", "Deprovisioned")],
                view.GetProperty("providers").EnumerateArray().Select(p => (p.GetProperty("provider").GetString(), p.GetProperty("status").GetString())));
            Assert.Equal(["Provisioning", "Compensating", "RolledBack"], view.GetProperty("history").EnumerateArray()
                .Where(h => h.GetProperty("fromState").GetString() != h.GetProperty("toState").GetString())
                .Select(h => h.GetProperty("toState").GetString()));
        });

    [Fact]
    public async Task A_deprovision_arriving_before_its_provision_makes_the_provision_refuse() =>
        await TestStacks.OnEmbeddedAsync(async settings =>
        {
            await using var host = await OrchestratorHost.StartAsync(settings);
            var id = Guid.NewGuid();

            // No saga asked for the deprovision, so its answer goes nowhere; the provision is asked like a request.
            await host.Bus.Publish(new DeprovisionResource(id, "aws", "staging"), (PublishContext<DeprovisionResource> x) =>
            {
                x.Headers.Set(StepHeaders.Step, "DeprovisionResource/aws");
                x.Headers.Set(StepHeaders.Attempt, 1);
            });
            await Eventually.TrueAsync(async () => (await host.Services.WorkerRowsAsync<ProvisionedResource>()).Any(r => r.ProvisioningId == id),
                "the tombstone to be written");
            var client = host.Bus.CreateRequestClient<ProvisionResource>(RequestTimeout.After(s: 30));
            var answer = await client.GetResponse<ResourceProvisioned, ResourceProvisionFailed>(new ProvisionResource(id, "aws", "staging"));

            Assert.True(answer.Is(out Response<ResourceProvisionFailed>? refused));
            Assert.Equal(new ResourceProvisionFailed(id, "aws", ProvisioningFailures.Deprovisioned), refused.Message);
            var row = Assert.Single(await host.Services.WorkerRowsAsync<ProvisionedResource>(), r => r.ProvisioningId == id);
            Assert.Equal(ResourceStatuses.Cancelled, row.Status);
            Assert.Null(row.ResourceId);
        });

    [Fact]
    public async Task An_invalid_provisioning_is_refused_with_400_and_an_unknown_one_is_404() =>
        await TestStacks.OnEmbeddedAsync(async settings =>
        {
            await using var api = await ApiHost.StartAsync(settings);

            using var invalid = await api.Http.PostAsJsonAsync("/api/provisionings", new { environment = "staging", providers = new[] { "aws", "aws" } });
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("provider 'aws' is named twice", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var unknown = await api.Http.GetAsync($"/api/provisionings/{Guid.NewGuid()}");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        });

    static async Task<Guid> StartAsync(ApiHost api, string environment, string[] providers)
    {
        using var response = await api.Http.PostAsJsonAsync("/api/provisionings", new { environment, providers });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("provisioningId").GetGuid();
    }
}
