using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Sagas;

public class ThousandTransfersTests
{
    [Fact]
    public async Task On_the_embedded_default_every_transfer_ends_and_money_is_conserved()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
        try
        {
            await using var host = await OrchestratorHost.StartAsync(OrchestratorHost.Embedded(file));
            await RunAsync(host);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                File.Delete(path);
        }
    }

    [Fact]
    public async Task On_PostgreSQL_and_RabbitMQ_every_transfer_ends_and_money_is_conserved()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        await using var host = await OrchestratorHost.StartAsync(OrchestratorHost.RealStack(database.ConnectionString, broker.ConnectionString));
        await RunAsync(host);
    }

    static async Task RunAsync(OrchestratorHost host)
    {
        var scenario = new TransferScenario(accounts: 100, transfers: 1000, seed: 7);
        await host.OpenAccountsAsync(scenario.Accounts);

        await Parallel.ForEachAsync(scenario.Transfers, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (transfer, _) => await host.StartTransferAsync(transfer));

        var sagas = await host.WaitForTerminalAsync(scenario.Ids, TimeSpan.FromMinutes(3));
        scenario.AssertConsistent(await host.AccountsAsync(), await host.LedgerEntriesAsync(), sagas);
    }
}
