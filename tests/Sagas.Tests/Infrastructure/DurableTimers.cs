using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Orchestrator.Data;
using Sagas.Testing;

namespace Sagas.Tests.Infrastructure;

/// <summary>What Quartz holds for scheduled messages, read from its tables in the sagas database.</summary>
public static class DurableTimers
{
    public static Task<int> CountAsync(IServiceProvider services) =>
        QueryAsync(services, db => db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM qrtz_TRIGGERS WHERE JOB_NAME = 'send-scheduled-message'").SingleAsync());

    /// <summary>
    /// The earliest trigger due after <paramref name="after"/>, or null. Quartz stores fire times
    /// as UTC ticks; a trigger that just fired keeps its row, without a next fire time, for a moment.
    /// </summary>
    public static async Task<DateTimeOffset?> NextFireTimeAsync(IServiceProvider services, DateTimeOffset after)
    {
        var ticks = await QueryAsync(services, db => db.Database
            .SqlQueryRaw<long?>("SELECT MIN(NEXT_FIRE_TIME) AS \"Value\" FROM qrtz_TRIGGERS WHERE JOB_NAME = 'send-scheduled-message' AND NEXT_FIRE_TIME > {0}", after.UtcTicks)
            .SingleAsync());
        return ticks is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;
    }

    /// <summary>
    /// Moves the clock to just past the next future timer, once its request has travelled outbox →
    /// scheduler queue → Quartz. Never further: Quartz would take a later jump for a misfire.
    /// A finished step's timer is cancelled by a message of its own, so the caller says how many
    /// timers it means to be pending; the jump waits for exactly that many.
    /// </summary>
    public static async Task<DateTimeOffset> AdvanceToNextAsync(IServiceProvider services, AdjustableClock clock, int pending = 1)
    {
        await Eventually.TrueAsync(async () => await CountAsync(services) == pending, $"exactly {pending} durable timer(s) to be pending");
        DateTimeOffset? next = null;
        await Eventually.TrueAsync(async () => (next = await NextFireTimeAsync(services, clock.GetUtcNow())) is not null, "a durable timer to be stored");
        clock.AdvanceTo(next!.Value);
        return next.Value;
    }

    static async Task<T> QueryAsync<T>(IServiceProvider services, Func<SagasDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SagasDbContext>());
    }
}
