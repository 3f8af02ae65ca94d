using Sagas.Orchestrator;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOrchestrator(builder.Configuration);

var app = builder.Build();
await app.Services.MigrateOrchestratorDatabaseAsync(app.Configuration);

app.UseOrchestrator();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Sagas orchestrator API listening on {Urls}", string.Join(", ", app.Urls)));

await app.RunAsync();

public partial class Program;
