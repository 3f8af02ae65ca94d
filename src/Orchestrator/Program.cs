using Sagas.Orchestrator;
using Sagas.Orchestrator.Inventory;
using Sagas.Orchestrator.Ledger;
using Sagas.Orchestrator.Sagas;
using Sagas.Orchestrator.Schedules;
using Sagas.Orchestrator.Workflows.ExpenseApprovals;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Orchestrator.Workflows.Provisioning;
using Sagas.Orchestrator.Workflows.Transfers;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOrchestrator(builder.Configuration);

var app = builder.Build();
await app.Services.MigrateOrchestratorDatabaseAsync(app.Configuration);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapAccountEndpoints();
app.MapInventoryEndpoints();
app.MapTransferEndpoints();
app.MapExpenseEndpoints();
app.MapProvisioningEndpoints();
app.MapOrderEndpoints();
app.MapSignalEndpoints();
app.MapScheduleEndpoints();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Sagas orchestrator API listening on {Urls}", string.Join(", ", app.Urls)));

await app.RunAsync();

public partial class Program;
