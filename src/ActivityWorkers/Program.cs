using MassTransit;
using Sagas.ActivityWorkers;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Hosting;

var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSagasOptions();

builder.Services.AddLedger(builder.Configuration, options);
builder.Services.AddOutboxDelivery<LedgerDbContext>(builder.Configuration);
builder.Services.AddMassTransit(bus =>
{
    bus.AddTransferActivities();
    bus.UsingSagasTransport(options, builder.Configuration.GetConnectionString("RabbitMq"));
});

var host = builder.Build();
if (options.ApplyMigrations)
    await host.Services.MigrateAsync<LedgerDbContext>();
await host.RunAsync();
