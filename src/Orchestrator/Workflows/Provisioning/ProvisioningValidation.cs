using System.Text.RegularExpressions;
using Sagas.Contracts;

namespace Sagas.Orchestrator.Workflows.Provisioning;

/// <summary>One set of rules for a provisioning request, whether it came over HTTP or the bus.</summary>
public static partial class ProvisioningValidation
{
    public const int MaxProviders = 16;

    public static string? Problem(StartProvisioning request)
    {
        if (request.ProvisioningId == Guid.Empty)
            return "provisioningId is required";
        if (string.IsNullOrWhiteSpace(request.Environment))
            return "environment is required";
        if (request.Environment.Length > 64)
            return "environment must be at most 64 characters";
        if (request.Providers is not { Length: > 0 } providers)
            return "providers must name at least one provider";
        if (providers.Length > MaxProviders)
            return $"providers must name at most {MaxProviders} providers";
        if (providers.Any(p => p is null))
            return "providers must not contain null";
        if (providers.FirstOrDefault(p => !ProviderName().IsMatch(p)) is { } bad)
            return $"provider '{Shorten(bad)}' must be 1-32 lower-case letters, digits or '-'";
        if (providers.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"provider '{twice.Key}' is named twice";
        return null;
    }

    static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex ProviderName();
}
