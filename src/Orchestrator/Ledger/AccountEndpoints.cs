using MassTransit;
using Sagas.Contracts;
using Sagas.Orchestrator.Requests;

namespace Sagas.Orchestrator.Ledger;

/// <summary><c>/api/accounts</c>: the ledger is the activity workers', so each call is a request to them.</summary>
public sealed class AccountEndpoints : IEndpointGroup
{
    public record OpenAccountRequest(string? AccountId, decimal? Balance);

    public record AccountView(string AccountId, decimal Balance);

    public void Map(IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts");
        accounts.MapPost("/", OpenAsync);
        accounts.MapGet("/{id}", GetAsync);
    }

    static Task<IResult> OpenAsync(OpenAccountRequest request, IRequestClient<OpenAccount> workers, WorkerRequests asking, CancellationToken cancellationToken)
    {
        if (request.Balance is not { } balance)
            return Task.FromResult(Results.Problem("balance is required", statusCode: StatusCodes.Status400BadRequest, title: "Invalid account"));

        return asking.AskAsync(async timeout =>
        {
            var answer = await workers.GetResponse<AccountOpened, AccountNotOpened>(new OpenAccount(request.AccountId ?? "", balance), cancellationToken, timeout);
            return answer.Message switch
            {
                AccountOpened opened => Results.Created($"/api/accounts/{opened.AccountId}", new AccountView(opened.AccountId, opened.Balance)),
                AccountNotOpened { AlreadyExists: true } refused => Results.Problem(refused.Reason, statusCode: StatusCodes.Status409Conflict),
                AccountNotOpened refused => Results.Problem(refused.Reason, statusCode: StatusCodes.Status400BadRequest, title: "Invalid account"),
                var other => throw new InvalidOperationException($"unexpected answer {other}"),
            };
        });
    }

    static Task<IResult> GetAsync(string id, IRequestClient<GetAccount> workers, WorkerRequests asking, CancellationToken cancellationToken) =>
        asking.AskAsync(async timeout =>
        {
            var answer = await workers.GetResponse<AccountBalance, AccountNotFound>(new GetAccount(id), cancellationToken, timeout);
            return answer.Is(out Response<AccountBalance>? account)
                ? Results.Ok(new AccountView(account.Message.AccountId, account.Message.Balance))
                : Results.Problem($"No account {id}", statusCode: StatusCodes.Status404NotFound);
        });
}
