using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Operations.Visibility;
using Sagas.Testing;

namespace Sagas.Tests.Operations.Visibility;

/// <summary>
/// Three deployments over one database: parcels started on version 1 finish on version 1's path after
/// version 2 is deployed (their renamed state moved on), new ones take version 2's, the history shows
/// both, and a version 3 that no longer keeps version 1's path refuses to start while one of them is live.
/// </summary>
public sealed class WorkflowDeploymentTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    readonly AdjustableClock _clock = new();

    [Fact]
    public async Task Old_instances_finish_on_their_path_new_ones_take_the_new_one_and_a_version_that_would_strand_them_is_refused()
    {
        var (early, late, lingering, fresh) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var v1 = await DeployAsync<ParcelStateMachineV1>())
        {
            foreach (var id in new[] { early, late, lingering })
                await v1.PublishAsync(new ShipParcel(id));
            foreach (var id in new[] { early, late, lingering })
                Assert.Equal(1, (await v1.WaitForStateAsync(id, m => m.Packing)).DefinitionVersion);
        }

        await using (var v2 = await DeployAsync<ParcelStateMachineV2>())
        {
            v2.Fake<WeighParcel>().Answer(c => new ParcelWeighed(c.ParcelId, 2.5m));
            await v2.PublishAsync(new ShipParcel(fresh));
            Assert.Equal(2, (await v2.WaitForStateAsync(fresh, m => m.Boxing)).DefinitionVersion);
            foreach (var id in new[] { early, late, fresh })
                await v2.PublishAsync(new ParcelPacked(id));

            await v2.AssertPathAsync(early, "Packing", "Boxing", "Shipped");
            await v2.AssertPathAsync(late, "Packing", "Boxing", "Shipped");
            await v2.AssertPathAsync(fresh, "Boxing", "Weighing", "Shipped");
            Assert.Equal(WorkflowDefinitionCheck.MovedByDefinition, (await v2.HistoryAsync(early))[1].EventName);
            Assert.Null((await v2.FindAsync(early))!.Kilograms);
            Assert.Equal(2.5m, (await v2.FindAsync(fresh))!.Kilograms);
            Assert.Equal(1, (await v2.WaitForStateAsync(lingering, m => m.Boxing)).DefinitionVersion);

            var parcels = v2.Services.GetRequiredService<SagaCatalog>().Types.Single();
            await using var scope = v2.Services.CreateAsyncScope();
            var versions = (await parcels.CountInstancesAsync(scope.ServiceProvider.GetRequiredService<WorkflowTestDbContext<ParcelState>>(), CancellationToken.None)).ByVersion;
            Assert.Equal([new VersionCount(1, Running: 1, Ended: 2), new VersionCount(2, Running: 0, Ended: 1)], versions);
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(DeployAsync<ParcelStateMachineV3>);
        Assert.Contains("Parcel has live instances of versions its definition (version 3, running versions 2 to 3) has no path for: version 1 (1)",
            refused.Message, StringComparison.Ordinal);
    }

    Task<WorkflowTestHost<TMachine, ParcelState>> DeployAsync<TMachine>()
        where TMachine : ParcelStateMachine =>
        WorkflowTestHost<TMachine, ParcelState>.StartAsync(o =>
        {
            o.DatabaseFile = _file;
            o.Clock = _clock;
            o.Fake<PackParcel>().Fake<WeighParcel>();
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}
