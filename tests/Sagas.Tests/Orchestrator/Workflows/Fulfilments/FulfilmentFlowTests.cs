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

/// <summary>A fulfilment and its two child sagas on real activities: the tree is in SQL, and a failed child's sibling is undone.</summary>
public class FulfilmentFlowTests
{
    [Fact]
    public Task On_the_embedded_default_children_run_in_parallel_and_a_declined_payment_releases_the_reserved_stock() =>
        TestStacks.OnEmbeddedAsync(RunAsync);

    [Fact]
    public Task On_PostgreSQL_and_RabbitMQ_children_run_in_parallel_and_a_declined_payment_releases_the_reserved_stock() =>
        TestStacks.OnRealStackAsync(RunAsync);

    static async Task RunAsync(Dictionary<string, string?> settings)
    {
        await using var api = await ApiHost.StartAsync(settings);
        await SetUpAsync(api.Services);

        var fulfilled = await StartAsync(api, "rich");
        var failed = await StartAsync(api, "poor");

        var ok = await api.Services.WaitForStateAsync<FulfilmentState>(fulfilled, "Fulfilled");
        var bad = await api.Services.WaitForStateAsync<FulfilmentState>(failed, "Failed");

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SagasDbContext>();
        // The tree, as an operator would query it: children by parent_id.
        var payments = await db.Set<PaymentState>().AsNoTracking().Where(x => x.ParentId == fulfilled || x.ParentId == failed).ToListAsync();
        var reservations = await db.Set<ReservationState>().AsNoTracking().Where(x => x.ParentId == fulfilled || x.ParentId == failed).ToListAsync();
        Assert.Equal(("Charged", ok.PaymentId), payments.Where(x => x.ParentId == fulfilled).Select(x => (x.CurrentState, x.CorrelationId)).Single());
        Assert.Equal(("Reserved", ok.ReservationId), reservations.Where(x => x.ParentId == fulfilled).Select(x => (x.CurrentState, x.CorrelationId)).Single());
        Assert.Equal("Declined", payments.Single(x => x.ParentId == failed).CurrentState);
        Assert.Equal("Compensated", reservations.Single(x => x.ParentId == failed).CurrentState);
        Assert.Equal("payment Declined", bad.FailureReason);

        // Both children were started before either answered: they ran side by side.
        var fulfilment = await db.Set<FulfilmentState>().AsNoTracking().SingleAsync(x => x.CorrelationId == failed);
        var children = payments.Concat<SagaInstance>(reservations).Where(x => x.ParentId == failed).ToList();
        Assert.All(children, child => Assert.True(child.CreatedAt < children.Min(c => c.CompletedAt!.Value), "a child started only after the other ended"));

        var stock = (await api.Services.WorkerRowsAsync<InventoryItem>()).Single(x => x.Sku == "lamp");
        // The fulfilled one holds its 2 lamps (nothing ships here); the failed one's 2 went back.
        Assert.Equal((10, 2), (stock.Quantity, stock.Reserved));
        var accounts = (await api.Services.WorkerRowsAsync<Account>()).ToDictionary(x => x.Id, x => x.Balance);
        Assert.Equal((460m, 1m, 40m), (accounts["rich"], accounts["poor"], accounts["merchant"]));
        Assert.NotNull(fulfilment.CompletedAt);
    }

    static async Task<Guid> StartAsync(ApiHost api, string customer)
    {
        var id = NewId.NextGuid();
        await api.Bus.Publish(new StartFulfilment { FulfilmentId = id, CustomerId = customer, Items = [new OrderLine { Sku = "lamp", Quantity = 2, Price = 20m }] });
        return id;
    }

    static async Task SetUpAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.Add(new InventoryItem { Sku = "lamp", Quantity = 10 });
        db.Add(new Account { Id = "rich", Balance = 500m });
        db.Add(new Account { Id = "poor", Balance = 1m });
        await db.SaveChangesAsync();
    }
}
