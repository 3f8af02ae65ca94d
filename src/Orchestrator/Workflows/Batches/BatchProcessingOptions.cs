using System.ComponentModel.DataAnnotations;

namespace Sagas.Orchestrator.Workflows.Batches;

/// <summary>The <c>Sagas:Batches</c> section.</summary>
public sealed class BatchProcessingOptions
{
    public const string Section = "Sagas:Batches";

    /// <summary>Orders of one batch running at once when the batch does not say.</summary>
    [Range(1, BatchValidation.MaxConcurrencyLimit)]
    public int MaxConcurrency { get; set; } = 50;
}
