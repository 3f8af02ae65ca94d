using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Storage;

namespace Sagas.Orchestrator.Ledger;

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

    static async Task<IResult> OpenAsync(OpenAccountRequest request, LedgerDbContext db, DurableDatabase database, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.AccountId) || request.AccountId.Length > 64)
            return Results.Problem("accountId is required (at most 64 characters)", statusCode: StatusCodes.Status400BadRequest, title: "Invalid account");
        if (request.Balance is not { } balance || balance < 0)
            return Results.Problem("balance is required and cannot be negative", statusCode: StatusCodes.Status400BadRequest, title: "Invalid account");

        using (await database.WriteGate.EnterAsync(cancellationToken))
        {
            if (await db.Accounts.AnyAsync(x => x.Id == request.AccountId, cancellationToken))
                return Results.Problem($"Account {request.AccountId} exists already", statusCode: StatusCodes.Status409Conflict);

            db.Accounts.Add(new Account { Id = request.AccountId, Balance = balance });
            await db.SaveChangesAsync(cancellationToken);
        }

        return Results.Created($"/api/accounts/{request.AccountId}", new AccountView(request.AccountId, balance));
    }

    static async Task<IResult> GetAsync(string id, LedgerDbContext db, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        return account is null
            ? Results.Problem($"No account {id}", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(new AccountView(account.Id, account.Balance));
    }
}
