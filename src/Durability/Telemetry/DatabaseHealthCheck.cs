using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Telemetry;

/// <summary>Ready only if the sagas database answers a query (the durability tables live in it).</summary>
sealed class DatabaseHealthCheck(DurabilityDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{db.Database.ProviderName} answers");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the database does not answer: {exception.Message}", exception);
        }
    }
}
