using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Durability.Activities;
using Sagas.Durability.DeadLetters;
using Sagas.Durability.Hosting;
using Sagas.Durability.Sagas;
using Sagas.Durability.Scheduling;
using Sagas.Durability.Storage;
using Sagas.Operations.Visibility;

namespace Sagas.Testing;

/// <summary>
/// One state machine on the durable engine, as the orchestrator runs it on the embedded default:
/// its table in a SQLite file, the outbox and inbox, history, Quartz timers and step deadlines, the
/// in-memory bus. Its activities are fakes or real consumers, and time moves when the test says.
/// </summary>
public sealed class WorkflowTestHost<TMachine, TSaga> : IAsyncDisposable
    where TMachine : DurableStateMachine<TSaga>
    where TSaga : SagaInstance
{
    readonly IHost _host;
    readonly string? _ownFile;

    WorkflowTestHost(IHost host, string? ownFile, AdjustableClock clock)
    {
        _host = host;
        _ownFile = ownFile;
        Timeline = new WorkflowTimeline<TSaga>(host.Services, clock);
    }

    public IServiceProvider Services => _host.Services;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public TMachine Machine => Services.GetRequiredService<TMachine>();

    /// <summary>The clock, and moving it so that timers and deadlines fire in their order.</summary>
    public WorkflowTimeline<TSaga> Timeline { get; }

    /// <summary>Starts the host; throws as the orchestrator would if the definition would strand instances in the file.</summary>
    public static async Task<WorkflowTestHost<TMachine, TSaga>> StartAsync(Action<WorkflowTestOptions>? configure = null)
    {
        var options = new WorkflowTestOptions();
        configure?.Invoke(options);
        var ownFile = options.DatabaseFile is null ? Path.Combine(Path.GetTempPath(), $"sagas-test-{Guid.NewGuid():N}.db") : null;
        var file = options.DatabaseFile ?? ownFile!;

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sagas:Transport"] = nameof(TransportKind.InMemory),
            ["Sagas:Database"] = nameof(DatabaseProvider.Sqlite),
            ["ConnectionStrings:Sagas"] = $"Data Source={file}",
            ["Sagas:Scheduler:IdleWaitTime"] = "00:00:01",
            ["Sagas:StepDeadlines:SweepInterval"] = "00:00:00.100",
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        // MassTransit keeps its log context in an AsyncLocal: a host started after another in the
        // same flow would otherwise log through the first one's disposed logger factory.
        LogContext.Current = null;
        AddEngine(builder.Services, builder.Configuration, options);

        var host = builder.Build();
        try
        {
            await CreateDatabaseAsync(host.Services).ConfigureAwait(false);
            await host.Services.CheckWorkflowDefinitionsAsync<WorkflowTestDbContext<TSaga>>().ConfigureAwait(false);
            await host.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new WorkflowTestHost<TMachine, TSaga>(host, ownFile, options.Clock);
    }

    static void AddEngine(IServiceCollection services, IConfiguration configuration, WorkflowTestOptions options)
    {
        var sagas = configuration.GetSagasOptions();
        var connection = configuration.GetSagasConnectionString();
        services.AddDurableDbContext<WorkflowTestDbContext<TSaga>, WorkflowTestDbContext<TSaga>, WorkflowTestDbContext<TSaga>>(sagas, connection);
        services.AddOutboxDelivery<WorkflowTestDbContext<TSaga>>(configuration);
        services.AddActivitySteps(configuration);
        services.AddStepDeadlineSweeper<WorkflowTestDbContext<TSaga>>(configuration);
        services.AddDeadLetters(configuration);
        services.AddSingleton(provider =>
        {
            using var scope = provider.CreateScope();
            return new SagaCatalog(provider, scope.ServiceProvider.GetRequiredService<WorkflowTestDbContext<TSaga>>().Model,
                [(typeof(TMachine), typeof(TSaga))], configuration);
        });
        services.AddMassTransit(bus =>
        {
            bus.AddSagaStateMachine<TMachine, TSaga, DurableSagaDefinition<TSaga, WorkflowTestDbContext<TSaga>>>()
                .DurableRepository<TSaga, WorkflowTestDbContext<TSaga>>();
            bus.AddSchedulerConsumers();
            foreach (var register in options.Registrations)
                register(bus, services);
            bus.UsingSagasTransport(sagas, rabbitMqConnectionString: null);
        });
        services.AddDurableScheduler(configuration, sagas, connection);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(options.Clock));
    }

    /// <summary>The durability tables by their migrations (Quartz's with them), the saga's table from its map.</summary>
    static async Task CreateDatabaseAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var durability = scope.ServiceProvider.GetRequiredService<DurabilityDbContext>();
        await durability.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL").ConfigureAwait(false);
        await durability.Database.MigrateAsync().ConfigureAwait(false);

        var db = scope.ServiceProvider.GetRequiredService<WorkflowTestDbContext<TSaga>>();
        var table = db.Model.FindEntityType(typeof(TSaga))!.GetTableName()!;
        var exists = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}")
            .SingleAsync().ConfigureAwait(false);
        if (exists == 0)
            await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync().ConfigureAwait(false);
    }

    /// <summary>Publishes a message onto the bus, as a service would: a start, a signal, an answer.</summary>
    public Task PublishAsync<T>(T message)
        where T : class =>
        Bus.Publish(message);

    /// <summary>The fake standing in for the activity of <typeparamref name="TCommand"/>, to change its answer or read what it took.</summary>
    public FakeActivity<TCommand> Fake<TCommand>()
        where TCommand : class =>
        Services.GetService<FakeActivity<TCommand>>() ?? throw new InvalidOperationException($"{typeof(TCommand).Name} has no fake; add options.Fake<{typeof(TCommand).Name}>()");

    /// <summary>The instance as stored now, or null.</summary>
    public async Task<TSaga?> FindAsync(Guid id)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowTestDbContext<TSaga>>().Set<TSaga>().AsNoTracking()
            .SingleOrDefaultAsync(x => x.CorrelationId == id).ConfigureAwait(false);
    }

    /// <summary>The instance's history rows, in order.</summary>
    public async Task<IReadOnlyList<SagaHistoryEntry>> HistoryAsync(Guid id)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowTestDbContext<TSaga>>().Set<SagaHistoryEntry>().AsNoTracking()
            .Where(x => x.CorrelationId == id).OrderBy(x => x.SequenceNumber).ToListAsync().ConfigureAwait(false);
    }

    /// <summary>Waits until the instance satisfies <paramref name="condition"/>, and returns it.</summary>
    public async Task<TSaga> WaitForAsync(Guid id, Func<TSaga, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var saga = await FindAsync(id).ConfigureAwait(false);
            if (saga is not null && condition(saga))
                return saga;
            if (DateTime.UtcNow > deadline)
                throw new WorkflowAssertionException($"Timed out waiting for {typeof(TSaga).Name} {id} {what}; it is {(saga is null ? "missing" : $"in {saga.CurrentState}")}. {await PathTextAsync(id).ConfigureAwait(false)}");
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the instance is in <paramref name="state"/>.</summary>
    public Task<TSaga> WaitForStateAsync(Guid id, Func<TMachine, State> state, TimeSpan? timeout = null)
    {
        var name = state(Machine).Name;
        return WaitForAsync(id, x => x.CurrentState == name, $"to be in {name}", timeout);
    }

    /// <summary>Waits until the instance has ended in <paramref name="state"/>, one of the workflow's terminal states.</summary>
    public async Task<TSaga> AssertEndedInAsync(Guid id, Func<TMachine, State> state, TimeSpan? timeout = null)
    {
        var saga = await WaitForStateAsync(id, state, timeout).ConfigureAwait(false);
        if (saga.CompletedAt is null)
            throw new WorkflowAssertionException($"{typeof(TSaga).Name} {id} is in {saga.CurrentState}, which is not a terminal state of {typeof(TMachine).Name}");
        return saga;
    }

    /// <summary>
    /// Asserts the states the instance went through, in order (its history's transitions, the first from
    /// Initial left out): <c>AssertPathAsync(id, "Paying", "Brewing", "Completed")</c>. Waits for the last one.
    /// </summary>
    public async Task AssertPathAsync(Guid id, params string[] states)
    {
        await WaitForAsync(id, x => x.CurrentState == states[^1], $"to reach {states[^1]}").ConfigureAwait(false);
        var path = await PathAsync(id).ConfigureAwait(false);
        if (!path.SequenceEqual(states))
            throw new WorkflowAssertionException($"{typeof(TSaga).Name} {id} went {string.Join(" → ", path)}; expected {string.Join(" → ", states)}");
    }

    /// <summary>The states the instance entered, in order.</summary>
    public async Task<IReadOnlyList<string>> PathAsync(Guid id) =>
        (await HistoryAsync(id).ConfigureAwait(false)).Where(x => x.FromState != x.ToState).Select(x => x.ToState).ToList();

    async Task<string> PathTextAsync(Guid id) => $"Its path: {string.Join(" → ", await PathAsync(id).ConfigureAwait(false))}";

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _host.Dispose();
        if (_ownFile is null)
            return;
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_ownFile)!, Path.GetFileName(_ownFile) + "*"))
            File.Delete(file);
    }
}

/// <summary>What a workflow test found different from what it asserted.</summary>
public sealed class WorkflowAssertionException(string message) : Exception(message);
