namespace Sagas.Tests.Cli;

/// <summary>An orchestrator that requires <c>X-Api-Key</c> on changes: the CLI sends <c>--api-key</c>, and a missing or wrong key is exit code 6.</summary>
public sealed class CliApiKeyTests(CliApiKeyTests.SecuredHost host) : IClassFixture<CliApiKeyTests.SecuredHost>
{
    public const string Key = "cli-test-key";

    public sealed class SecuredHost : CliHost
    {
        protected override void Configure(Dictionary<string, string?> settings) => settings["Sagas:Api:Key"] = Key;
    }

    [Fact]
    public async Task A_change_needs_the_key_and_a_read_does_not()
    {
        string[] create = ["schedules", "create", "keyed", "--workflow", "DailyReport", "--interval", "01:00:00"];

        var without = await host.RunAsync(create);
        Assert.Equal(6, without.ExitCode);
        Assert.Equal(6, (await host.RunAsync([.. create, "--api-key", "wrong"])).ExitCode);

        (await host.RunAsync([.. create, "--api-key", Key])).Succeeded();
        (await host.RunAsync("schedules", "list")).Succeeded();
        Assert.Equal(6, (await host.RunAsync("schedules", "delete", "keyed")).ExitCode);
        (await host.RunAsync("schedules", "delete", "keyed", "--api-key", Key)).Succeeded();
    }
}
