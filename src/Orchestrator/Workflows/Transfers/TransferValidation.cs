using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.Orchestrator.Workflows.Transfers;

/// <summary>One set of rules for a transfer request, whether it came over HTTP or the bus.</summary>
public static class TransferValidation
{
    public static string? Problem(StartTransfer request)
    {
        if (request.TransferId == Guid.Empty)
            return "transferId is required";
        if (string.IsNullOrWhiteSpace(request.FromAccount))
            return "fromAccount is required";
        if (string.IsNullOrWhiteSpace(request.ToAccount))
            return "toAccount is required";
        if (request.FromAccount.Length > LedgerLimits.AccountIdLength)
            return $"fromAccount is longer than {LedgerLimits.AccountIdLength} characters";
        if (request.ToAccount.Length > LedgerLimits.AccountIdLength)
            return $"toAccount is longer than {LedgerLimits.AccountIdLength} characters";
        if (request.FromAccount == request.ToAccount)
            return "fromAccount and toAccount must differ";
        if (request.Amount <= 0)
            return "amount must be greater than zero";
        // The ledger would round it, and money would appear or vanish in the rounding.
        if (decimal.Round(request.Amount, LedgerLimits.AmountScale) != request.Amount)
            return $"amount has more than {LedgerLimits.AmountScale} decimal places";
        if (request.Amount > LedgerLimits.MaxAmount)
            return $"amount is more than the ledger holds ({LedgerLimits.MaxAmount})";
        return null;
    }
}
