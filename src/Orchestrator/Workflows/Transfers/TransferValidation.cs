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
        if (request.FromAccount == request.ToAccount)
            return "fromAccount and toAccount must differ";
        if (request.Amount <= 0)
            return "amount must be greater than zero";
        return null;
    }
}
