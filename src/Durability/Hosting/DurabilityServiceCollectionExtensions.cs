using MassTransit;
using MassTransit.Configuration;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Sagas.Durability.Outbox;
using Sagas.Durability.Sagas;
using Sagas.Durability.Storage;
using Sagas.Durability.Telemetry;

namespace Sagas.Durability.Hosting;

public static class DurabilityServiceCollectionExtensions
{
    /// <summary>
    /// Registers a durable DbContext on the configured database, with its inbox/outbox factory and
    /// its bus outbox. Each provider has its own subclass because each has its own migrations.
    /// </summary>
    public static IServiceCollection AddDurableDbContext<TContext, TSqliteContext, TPostgresContext>(
        this IServiceCollection services, SagasOptions options, string connectionString)
        where TContext : DurableDbContext
        where TSqliteContext : TContext
        where TPostgresContext : TContext
    {
        if (services.All(x => x.ServiceType != typeof(DurableDatabase)))
        {
            services.AddSingleton(new DurableDatabase(options.Database));
            services.AddSingleton<OutboxDispatcher>();
            services.AddSingleton<SagaInboxConsumers>();
            services.TryAddSingleton(TimeProvider.System);
            services.AddMetrics();
            services.TryAddSingleton<SagaMetrics>();
            AddDbContext<DurabilityDbContext, SqliteDurabilityDbContext, PostgresDurabilityDbContext>(services, options, connectionString);
        }

        AddDbContext<TContext, TSqliteContext, TPostgresContext>(services, options, connectionString);

        services.AddScoped<IOutboxContextFactory<TContext>, DbContextOutboxContextFactory<TContext>>();
        services.AddScoped<BusOutbox<TContext>>();
        return services;
    }

    static void AddDbContext<TContext, TSqliteContext, TPostgresContext>(IServiceCollection services, SagasOptions options, string connectionString)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TPostgresContext : TContext
    {
        var history = MigrationsHistoryTable<TContext>();
        if (options.Database == DatabaseProvider.Postgres)
            services.AddDbContextPool<TContext, TPostgresContext>(db => db
                .UseNpgsql(WithPoolDefaults(connectionString), x => x.MigrationsHistoryTable(history))
                .AddInterceptors(InboxClaimInterceptor.Instance));
        else
            services.AddDbContextPool<TContext, TSqliteContext>(db => db
                .UseSqlite(connectionString, x => x.MigrationsHistoryTable(history))
                .AddInterceptors(new SqlitePragmas()));
    }

    /// <summary>Each context keeps its own migration history, so each can be migrated on its own, by the process that owns it.</summary>
    public static string MigrationsHistoryTable<TContext>()
        where TContext : DbContext =>
        "__migrations_" + SnakeCaseNames.ToSnakeCase(typeof(TContext).Name);

    /// <summary>
    /// Every message opens and returns a pooled connection. Npgsql's reset on return (DISCARD ALL)
    /// costs a round trip each time and throws away prepared statements; nothing here keeps
    /// session state, so skip it and let hot statements stay prepared. Explicit settings win.
    /// </summary>
    static string WithPoolDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose"))
            builder.NoResetOnClose = true;
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
            builder.MaxAutoPrepare = 32;
        return builder.ConnectionString;

        static bool Mentions(string value, params string[] keys) =>
            keys.Any(key => value.Contains(key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Delivers the outbox of this process's database and keeps the inbox (and, if asked, finished
    /// sagas) within their retention; one per process is enough.
    /// </summary>
    public static IServiceCollection AddOutboxDelivery<TContext>(this IServiceCollection services, IConfiguration configuration)
        where TContext : DbContext
    {
        services.AddOptions<OutboxDeliveryOptions>().Bind(configuration.GetSection("Sagas:Outbox"))
            .PostConfigure(o => o.KeepUntilConsumed = configuration.GetSagasOptions().Transport == TransportKind.InMemory);
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection("Sagas:Retention"));
        services.AddOptions<DatabaseOutageOptions>().Bind(configuration.GetSection("Sagas:DatabaseOutage"));
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService<OutboxDeliveryService<TContext>>();
        services.AddHostedService<RetentionService<TContext>>();
        return services;
    }

    /// <summary>Stores the state machine's instances through <typeparamref name="TContext"/>.</summary>
    public static ISagaRegistrationConfigurator<TSaga> DurableRepository<TSaga, TContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : SagaInstance
        where TContext : DbContext =>
        configurator.Repository(repository =>
        {
            repository.RegisterSagaRepository<TSaga, TContext, SagaConsumeContextFactory<TContext, TSaga>,
                DurableSagaRepositoryContextFactory<TSaga, TContext>>();
            repository.RegisterQuerySagaRepository<TSaga, DurableSagaRepositoryContextFactory<TSaga, TContext>>();
            repository.RegisterLoadSagaRepository<TSaga, DurableSagaRepositoryContextFactory<TSaga, TContext>>();
        });

    /// <summary>Applies the durability tables' migrations and then the context's own.</summary>
    public static async Task MigrateAsync<TContext>(this IServiceProvider services, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        // A process that starts while its database is down (a restart of both, a deployment during
        // maintenance) waits for it, as a running one does, instead of exiting.
        await DatabaseOutage.WaitOutAsync("at start", () => MigrateOnceAsync<TContext>(services, cancellationToken),
            services.GetService<IOptions<DatabaseOutageOptions>>()?.Value ?? new DatabaseOutageOptions(),
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(DatabaseOutage)), cancellationToken).ConfigureAwait(false);
    }

    static async Task MigrateOnceAsync<TContext>(IServiceProvider services, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        var durability = scope.ServiceProvider.GetRequiredService<DurabilityDbContext>();
        // WAL lets readers run beside the one writer; the mode stays with the database file.
        if (durability.Database.IsSqlite())
            await durability.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", cancellationToken).ConfigureAwait(false);
        await durability.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await scope.ServiceProvider.GetRequiredService<TContext>().Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
