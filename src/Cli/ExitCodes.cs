namespace Sagas.Cli;

/// <summary>What a script can tell from the exit code alone; the root command's help lists them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int ServerRefused = 1;
    public const int Usage = 2;
    public const int NotFound = 3;
    public const int Conflict = 4;
    public const int Unreachable = 5;
    public const int Unauthorized = 6;

    public const string Help = """
        Exit codes:
          0  ok
          1  the orchestrator refused the request and said why (a 4xx not listed below, or a 5xx)
          2  usage error: bad arguments or options
          3  not found (404)
          4  conflict (409), e.g. the saga has already ended
          5  cannot reach the orchestrator (refused connection, timeout)
          6  unauthorized (401/403): set --api-key or SAGAS_API_KEY
        """;
}
