using Microsoft.Extensions.Options;

namespace Sagas.Durability.Activities;

/// <summary>The step settings of every activity, by activity name.</summary>
public sealed class ActivitySteps(IOptionsMonitor<ActivityStepOptions> options)
{
    /// <summary>Defaults for every activity, for tests and tools that have no configuration.</summary>
    public static ActivitySteps Default { get; } = Fixed(new ActivityStepOptions());

    /// <summary>The same settings for every activity.</summary>
    public static ActivitySteps Fixed(ActivityStepOptions options) => new(new FixedOptions(options));

    public ActivityStepOptions For(string activity) => options.Get(activity);

    sealed class FixedOptions(ActivityStepOptions value) : IOptionsMonitor<ActivityStepOptions>
    {
        public ActivityStepOptions CurrentValue => value;

        public ActivityStepOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ActivityStepOptions, string?> listener) => null;
    }
}
