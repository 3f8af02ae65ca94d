using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sagas.Durability.Hosting;

namespace Sagas.Durability.Activities;

/// <summary>The step settings of every activity, by activity name, and the clock step deadlines are set by.</summary>
public sealed class ActivitySteps(IOptionsMonitor<ActivityStepOptions> options, TimeProvider? clock = null, IConfiguration? configuration = null)
{
    readonly SagasOptions _sagas = configuration?.GetSagasOptions() ?? new SagasOptions();

    /// <summary>Defaults for every activity, for tests and tools that have no configuration.</summary>
    public static ActivitySteps Default { get; } = Fixed(new ActivityStepOptions());

    /// <summary>The same settings for every activity.</summary>
    public static ActivitySteps Fixed(ActivityStepOptions options, TimeProvider? clock = null) => new(new FixedOptions(options), clock);

    public ActivityStepOptions For(string activity) => options.Get(activity);

    /// <summary>Where <paramref name="command"/> goes for <paramref name="route"/> (see <see cref="TaskQueues"/>).</summary>
    public Uri TaskQueue(Type command, string route) => TaskQueues.Address(command, route, _sagas);

    /// <summary>Now, by the clock the deadline sweeper compares with, so moved time agrees.</summary>
    public DateTime UtcNow => (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    sealed class FixedOptions(ActivityStepOptions value) : IOptionsMonitor<ActivityStepOptions>
    {
        public ActivityStepOptions CurrentValue => value;

        public ActivityStepOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ActivityStepOptions, string?> listener) => null;
    }
}
