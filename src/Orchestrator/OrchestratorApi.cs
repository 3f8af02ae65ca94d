using Sagas.Durability.Telemetry;
using Sagas.Orchestrator.Dashboard;
using Sagas.Orchestrator.DeadLetters;
using Sagas.Orchestrator.Inventory;
using Sagas.Orchestrator.Ledger;
using Sagas.Orchestrator.Sagas;
using Sagas.Orchestrator.Schedules;
using Sagas.Orchestrator.Security;
using Sagas.Orchestrator.Workflows.Batches;
using Sagas.Orchestrator.Workflows.ExpenseApprovals;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Orchestrator.Workflows.Provisioning;
using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Orchestrator;

public static class OrchestratorApi
{
    /// <summary>The request pipeline and every endpoint; <c>Program.cs</c> and the tests' host both call this, so they serve the same thing.</summary>
    public static WebApplication UseOrchestrator(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseApiKey();
        app.UseDashboard();
        app.MapOrchestratorApi();
        app.MapSagasTelemetry();
        return app;
    }

    /// <summary>Every endpoint under /api, grouped by feature; the one place a workflow's endpoints are added.</summary>
    public static IEndpointRouteBuilder MapOrchestratorApi(this IEndpointRouteBuilder app)
    {
        app.MapAccountEndpoints();
        app.MapInventoryEndpoints();
        app.MapTransferEndpoints();
        app.MapExpenseEndpoints();
        app.MapProvisioningEndpoints();
        app.MapOrderEndpoints();
        app.MapBatchEndpoints();
        app.MapSagaEndpoints();
        app.MapWorkflowEndpoints();
        app.MapScheduleEndpoints();
        app.MapDeadLetterEndpoints();
        return app;
    }
}
