using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.Provisioning;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Provisioning;

/// <summary>
/// Each provider's step goes to that provider's task queue, and only the worker serving that queue
/// takes it; a queue no worker serves holds its steps until one starts.
/// </summary>
public sealed class TaskRoutingTests
{
    static readonly string[] Providers = ["aws", "gcp", "azure"];

    [Fact]
    public async Task Each_providers_step_is_handled_by_the_worker_of_its_queue_and_waits_for_one_when_there_is_none()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var settings = OrchestratorHost.RealStack(database.ConnectionString, broker.ConnectionString);
        settings["Sagas:HostActivities"] = "false";
        settings["Sagas:Activities:ProvisionResource:RouteToTaskQueues"] = "true";
        settings["Sagas:Activities:DeprovisionResource:RouteToTaskQueues"] = "true";
        // Nothing is sent again while azure waits for its worker.
        settings["Sagas:Activities:ProvisionResource:StartToClose"] = "00:10:00";
        await using var orchestrator = await OrchestratorHost.StartAsync(settings);

        // Each worker refuses the providers it does not serve: a step that reached the wrong worker would roll its provisioning back.
        using var aws = Worker(database, broker, "aws");
        using var gcp = Worker(database, broker, "gcp");
        using var azure = Worker(database, broker, "azure");
        foreach (var worker in new[] { aws, gcp })
        {
            worker.Start();
            await worker.WaitForOutputAsync("activity worker started", "a worker to start");
        }

        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
            await orchestrator.Bus.Publish(new StartProvisioning { ProvisioningId = id, Environment = "staging", Providers = Providers });

        foreach (var id in ids)
        {
            await Eventually.MatchAsync(() => orchestrator.Services.SagaAsync<ProvisioningState>(id),
                saga => StatusOf(saga, "aws") == ProviderStatuses.Provisioned && StatusOf(saga, "gcp") == ProviderStatuses.Provisioned,
                $"aws and gcp of {id} to be provisioned by their workers", TimeSpan.FromSeconds(60));
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var id in ids)
        {
            var waiting = await orchestrator.Services.SagaAsync<ProvisioningState>(id);
            Assert.Equal(("Provisioning", ProviderStatuses.Pending), (waiting!.CurrentState, StatusOf(waiting, "azure")));
        }

        azure.Start();
        foreach (var id in ids)
            await orchestrator.Services.WaitForStateAsync<ProvisioningState>(id, "Provisioned", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_worker_asked_to_serve_the_queue_of_an_activity_it_does_not_have_stops_with_the_reason()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var environment = TestStacks.ProcessEnvironment(database, broker);
        environment["Sagas__Worker__Queues__launch-rocket.aws__ConcurrencyLimit"] = "1";
        using var worker = new ServiceProcess("Sagas.ActivityWorkers.dll", environment);

        worker.Start();

        await worker.WaitForOutputAsync("names 'launch-rocket.aws', which is not {activity}.{route} for an activity this process hosts", "the worker to refuse its queue");
    }

    static ServiceProcess Worker(TemporaryResource database, TemporaryResource broker, string provider)
    {
        var environment = TestStacks.ProcessEnvironment(database, broker);
        environment["Logging__LogLevel__Sagas"] = "Information";
        environment[$"Sagas__Worker__Queues__provision-resource.{provider}__ConcurrencyLimit"] = "2";
        environment[$"Sagas__Worker__Queues__provision-resource.{provider}__RateLimit"] = "100";
        environment[$"Sagas__Worker__Queues__deprovision-resource.{provider}__ConcurrencyLimit"] = "1";
        var others = Providers.Where(p => p != provider).ToList();
        for (var i = 0; i < others.Count; i++)
            environment[$"Sagas__Activities__ProvisionResource__FailingProviders__{i}"] = others[i];
        return new ServiceProcess("Sagas.ActivityWorkers.dll", environment);
    }

    static string? StatusOf(ProvisioningState? saga, string provider) => saga?.Providers.SingleOrDefault(p => p.Provider == provider)?.Status;
}
