using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Fulfilments;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Fulfilments;

/// <summary>
/// A child that finished while its parent still runs may yet be asked to undo itself: retention
/// keeps it while its parent is there, and a child that is gone anyway tells its parent so at once.
/// </summary>
public sealed class FulfilmentRetentionTests
{
    [Fact]
    public Task Retention_keeps_a_finished_child_while_its_parent_runs_so_the_parent_can_still_undo_it() => TestStacks.OnEmbeddedAsync(async settings =>
    {
        settings["Sagas:Retention:FinishedSagas"] = "00:00:01";
        settings["Sagas:Retention:Interval"] = "00:00:00.2";
        await using var api = await StartAsync(settings);

        var id = await StartFulfilmentAsync(api);
        var reservation = await api.Services.WaitForStateAsync<ReservationState>(await ReservationIdAsync(api, id), "Reserved");
        // Retention passes several times after the reservation is old enough, while the payment is still being retried.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.NotNull(await FindAsync<ReservationState>(api, reservation.CorrelationId));

        var failed = await api.Services.WaitForStateAsync<FulfilmentState>(id, "Failed");
        Assert.Equal("payment Declined", failed.FailureReason);
        Assert.Equal((10, 0), await StockAsync(api));
    });

    [Fact]
    public Task A_child_that_no_longer_exists_answers_its_parents_undo_request_with_a_failure_at_once() => TestStacks.OnEmbeddedAsync(async settings =>
    {
        // Without the answer the parent would wait out an hour-long undo deadline.
        settings["Sagas:Activities:UndoReservation:StartToClose"] = "01:00:00";
        await using var api = await StartAsync(settings);

        var id = await StartFulfilmentAsync(api);
        var reservationId = await ReservationIdAsync(api, id);
        await api.Services.WaitForStateAsync<ReservationState>(reservationId, "Reserved");
        await using (var scope = api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SagasDbContext>().Set<ReservationState>().Where(x => x.CorrelationId == reservationId).ExecuteDeleteAsync();

        var stuck = await api.Services.WaitForStateAsync<FulfilmentState>(id, "NeedsAttention");
        Assert.Contains($"saga {reservationId} no longer exists, so nothing of it can be undone", stuck.FailureReason, StringComparison.Ordinal);
    });

    /// <summary>The payment's first delivery fails three times and is redelivered three seconds later, so the reservation finishes first.</summary>
    static async Task<ApiHost> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Sagas:Activities:ChargePayment:Faults:FailFirst"] = "3";
        settings["Sagas:Activities:ChargePayment:Retry:InitialInterval"] = "00:00:03";
        var api = await ApiHost.StartAsync(settings);
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.Add(new InventoryItem { Sku = "lamp", Quantity = 10 });
        db.Add(new Account { Id = "poor", Balance = 1m });
        await db.SaveChangesAsync();
        return api;
    }

    static async Task<Guid> StartFulfilmentAsync(ApiHost api)
    {
        var id = NewId.NextGuid();
        await api.Bus.Publish(new StartFulfilment { FulfilmentId = id, CustomerId = "poor", Items = [new OrderLine { Sku = "lamp", Quantity = 2, Price = 20m }] });
        return id;
    }

    static async Task<Guid> ReservationIdAsync(ApiHost api, Guid fulfilmentId) =>
        (await Eventually.MatchAsync(() => FindAsync<FulfilmentState>(api, fulfilmentId), f => true, $"fulfilment {fulfilmentId} to start")).ReservationId;

    static async Task<TSaga?> FindAsync<TSaga>(ApiHost api, Guid id)
        where TSaga : SagaInstance
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SagasDbContext>().Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == id);
    }

    static async Task<(int Quantity, int Reserved)> StockAsync(ApiHost api)
    {
        var lamp = (await api.Services.WorkerRowsAsync<InventoryItem>()).Single(x => x.Sku == "lamp");
        return (lamp.Quantity, lamp.Reserved);
    }
}
