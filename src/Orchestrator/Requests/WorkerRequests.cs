using MassTransit;

namespace Sagas.Orchestrator.Requests;

/// <summary>
/// Asks the activity workers for what they own (accounts, stock): the orchestrator neither reads
/// nor writes their tables. No worker answering is a 503 that says so, never a hung request.
/// </summary>
public sealed class WorkerRequests(TimeSpan timeout)
{
    public async Task<IResult> AskAsync(Func<RequestTimeout, Task<IResult>> ask)
    {
        try
        {
            return await ask(RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
        }
        catch (RequestTimeoutException)
        {
            return Results.Problem($"No activity worker answered within {timeout.TotalSeconds:0.#} s ({RequestLimitOptions.Section}:WorkerTimeout); the workers own this data, so at least one must be running.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "No worker answered");
        }
    }
}
