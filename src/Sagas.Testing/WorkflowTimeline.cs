using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Durability.Activities;
using Sagas.Durability.Outbox;
using Sagas.Durability.Sagas;
using Sagas.Durability.Scheduling;

namespace Sagas.Testing;

/// <summary>
/// Moves a workflow test's clock. Every durable timer (a Quartz trigger) and step deadline due on the
/// way fires, in order, each once the engine has settled from the one before: as if the time had passed.
/// </summary>
public sealed class WorkflowTimeline<TSaga>(IServiceProvider services, AdjustableClock clock)
    where TSaga : SagaInstance
{
    static readonly bool HasSteps = typeof(IActivityStepState).IsAssignableFrom(typeof(TSaga));

    public AdjustableClock Clock => clock;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Moves time forward by <paramref name="by"/>; returns once what fell due has run.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var until = Now + by;
        while (true)
        {
            await SettledAsync().ConfigureAwait(false);
            if (await NextDueAsync().ConfigureAwait(false) is not { } next || next > until)
                break;
            // One timer at a time: Quartz takes a trigger found far past its time for a misfire.
            clock.AdvanceTo(next);
        }

        if (until > Now)
            clock.Advance(until - Now);
        await SettledAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until nothing is due by the clock and nothing waits in the outbox (on the embedded default a
    /// sent message keeps its row until a consumer takes it), three looks in a row.
    /// </summary>
    public async Task SettledAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        for (var quiet = 0; quiet < 3;)
        {
            quiet = await IsBusyAsync().ConfigureAwait(false) is { } busy
                ? DateTime.UtcNow < deadline ? 0 : throw new WorkflowAssertionException($"The workflow did not settle: {busy}")
                : quiet + 1;
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Durable timers stored and not yet fired.</summary>
    public async Task<long> PendingTimersAsync()
    {
        await using var scope = services.CreateAsyncScope();
        return await Scalar(scope.ServiceProvider.GetRequiredService<WorkflowTestDbContext<TSaga>>(),
            $"SELECT COUNT(*) AS \"Value\" FROM {QuartzSchema.TablePrefix}TRIGGERS").ConfigureAwait(false);
    }

    async Task<string?> IsBusyAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowTestDbContext<TSaga>>();
        var now = Now;
        if (await db.Set<OutboxMessage>().AnyAsync().ConfigureAwait(false))
            return "messages wait in the outbox";
        if (await Scalar(db, $"SELECT COUNT(*) AS \"Value\" FROM {QuartzSchema.TablePrefix}FIRED_TRIGGERS").ConfigureAwait(false) > 0
            || await Scalar(db, $"SELECT COUNT(*) AS \"Value\" FROM {QuartzSchema.TablePrefix}TRIGGERS WHERE NEXT_FIRE_TIME <= {now.UtcTicks}").ConfigureAwait(false) > 0)
            return "a timer is due";
        if (HasSteps && await db.Set<TSaga>().AnyAsync(x => EF.Property<DateTime?>(x, nameof(IActivityStepState.StepDeadline)) <= now.UtcDateTime).ConfigureAwait(false))
            return "a step's deadline has passed";
        return null;
    }

    /// <summary>The earliest timer or step deadline after now.</summary>
    async Task<DateTimeOffset?> NextDueAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowTestDbContext<TSaga>>();
        var now = Now;
        var ticks = await Scalar(db, $"SELECT COALESCE(MIN(NEXT_FIRE_TIME), 0) AS \"Value\" FROM {QuartzSchema.TablePrefix}TRIGGERS WHERE NEXT_FIRE_TIME > {now.UtcTicks}")
            .ConfigureAwait(false);
        DateTimeOffset? next = ticks > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        if (HasSteps)
        {
            var deadline = await db.Set<TSaga>().Where(x => EF.Property<DateTime?>(x, nameof(IActivityStepState.StepDeadline)) > now.UtcDateTime)
                .MinAsync(x => EF.Property<DateTime?>(x, nameof(IActivityStepState.StepDeadline))).ConfigureAwait(false);
            if (deadline is { } step && (next is null || step < next))
                next = new DateTimeOffset(step, TimeSpan.Zero);
        }

        return next;
    }

    // Quartz's tables and columns are fixed names, and the values are numbers the clock made.
#pragma warning disable EF1002
    static Task<long> Scalar(DbContext db, string sql) => db.Database.SqlQueryRaw<long>(sql).SingleAsync();
#pragma warning restore EF1002
}
