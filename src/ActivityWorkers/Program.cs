using MassTransit;
using Sagas.ActivityWorkers;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Hosting;
using Sagas.Durability.Telemetry;

var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSagasOptions();

builder.Services.AddLedger(builder.Configuration, options);
builder.Services.AddOutboxDelivery<LedgerDbContext>(builder.Configuration);
// No HTTP listener here, so no /metrics: the worker's meters and spans go out over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
builder.Services.AddSagasTelemetry(builder.Configuration, "Sagas.ActivityWorkers");
builder.Services.AddMassTransit(bus =>
{
    bus.AddActivities();
    bus.UsingSagasTransport(options, builder.Configuration.GetConnectionString("RabbitMq"));
});

var host = builder.Build();
if (options.ApplyMigrations)
    await host.Services.MigrateAsync<LedgerDbContext>();

// The bus is up (and its queues bound) once the host has started: only then is a Withdraw published
// to RabbitMQ sure to reach this worker's queue.
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
    host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sagas.ActivityWorkers").LogInformation("Sagas activity worker started"));
await host.RunAsync();
