using Microsoft.Extensions.Configuration;

namespace Sagas.Durability.Hosting;

public static class SagasConfigurationExtensions
{
    public static SagasOptions GetSagasOptions(this IConfiguration configuration) =>
        configuration.GetSection(SagasOptions.Section).Get<SagasOptions>() ?? new SagasOptions();

    /// <summary><c>ConnectionStrings:Sagas</c>, or a SQLite file beside the process for the embedded default.</summary>
    public static string GetSagasConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("Sagas") is { Length: > 0 } connectionString ? connectionString : "Data Source=sagas.db";
}
