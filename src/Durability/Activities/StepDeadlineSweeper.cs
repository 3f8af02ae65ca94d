using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sagas.Durability.Hosting;
using Sagas.Durability.Outbox;
using Sagas.Durability.Sagas;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Activities;

/// <summary>
/// Raises <see cref="StepTimedOut"/> for every saga whose step deadline has passed. In one
/// transaction per table it clears the due deadlines (rows another orchestrator or a running
/// transition holds are skipped on PostgreSQL) and puts the timeouts in the outbox, so each fires
/// once across any number of orchestrators, and one that falls due while none runs fires at the
/// next start. The step itself costs nothing here: its deadline is a column of the saga's row.
/// </summary>
public sealed class StepDeadlineSweeper<TContext>(
    IServiceScopeFactory scopes,
    IServiceProvider services,
    DurableDatabase database,
    TimeProvider clock,
    IOptions<StepDeadlineOptions> options,
    ILogger<StepDeadlineSweeper<TContext>> logger)
    : BackgroundService
    where TContext : DbContext
{
    readonly StepDeadlineOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every saga table of the context whose sagas run steps.
        List<(SagaTable Table, string Claim)> tables;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tables = scope.ServiceProvider.GetRequiredService<TContext>().Model.GetEntityTypes()
                .Where(e => typeof(SagaInstance).IsAssignableFrom(e.ClrType) && typeof(IActivityStepState).IsAssignableFrom(e.ClrType))
                .Select(e => (new SagaTable(SagaTypeName.Of(e.ClrType), QueueAddresses.OfSaga(e.ClrType, services)), ClaimSql(e, database)))
                .ToList();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var (type, claim) in tables)
                {
                    while (await SweepAsync(type, claim, stoppingToken).ConfigureAwait(false) >= _options.BatchSize)
                    {
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Looking for passed step deadlines failed; trying again");
            }

            try
            {
                await Task.Delay(_options.SweepInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>How many timeouts were raised.</returns>
    async Task<int> SweepAsync(SagaTable type, string claim, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<BusOutbox<TContext>>();

        int raised;
        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var due = await db.Database.SqlQueryRaw<DueStep>(claim, clock.GetUtcNow().UtcDateTime, _options.BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
                return 0;

            var saga = await outbox.SendEndpointProvider.GetSendEndpoint(type.Address).ConfigureAwait(false);
            foreach (var step in due.Where(x => x.Step is not null))
            {
                await saga.Send(new StepTimedOut(step.CorrelationId, step.Step!, step.Attempt),
                    send => send.MessageId = MessageIdOf(step), cancellationToken).ConfigureAwait(false);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            raised = due.Count;
        }

        outbox.Committed();
        logger.LogDebug("{Count} step deadline(s) of {SagaType} passed", raised, type.Name);
        return raised;
    }

    /// <summary>
    /// Clears the due deadlines and returns their steps in one statement; {0} is now, {1} the batch
    /// size. Names come from the EF model, never from input. Public so the benchmark times this very statement.
    /// </summary>
    public static string ClaimSql(IEntityType entity, DurableDatabase database)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => entity.FindProperty(property)!.GetColumnName(table)!;
        var (id, step, attempt, deadline) = (Column(nameof(Sagas.SagaInstance.CorrelationId)), Column(nameof(IActivityStepState.CurrentStep)),
            Column(nameof(IActivityStepState.StepAttempt)), Column(nameof(IActivityStepState.StepDeadline)));
        return $$"""
            UPDATE "{{table.Name}}" SET "{{deadline}}" = NULL
            WHERE "{{id}}" IN (SELECT "{{id}}" FROM "{{table.Name}}" WHERE "{{deadline}}" <= {0} ORDER BY "{{deadline}}" LIMIT {1}{{database.SkipLocked}})
            RETURNING "{{id}}" AS "CorrelationId", "{{step}}" AS "Step", "{{attempt}}" AS "Attempt"
            """;
    }

    /// <summary>The same send of the same step always times out as the same message, which the saga's inbox takes once.</summary>
    static Guid MessageIdOf(DueStep step) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"step-timeout:{step.CorrelationId:N}:{step.Step}:{step.Attempt}")).AsSpan(0, 16));

    sealed class DueStep
    {
        public Guid CorrelationId { get; set; }
        public string? Step { get; set; }
        public int Attempt { get; set; }
    }

    sealed record SagaTable(string Name, Uri Address);
}
