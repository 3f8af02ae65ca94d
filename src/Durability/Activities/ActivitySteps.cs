using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sagas.Durability.Hosting;

namespace Sagas.Durability.Activities;

/// <summary>The step settings of every activity, by activity name, and the clock step deadlines are set by.</summary>
public sealed class ActivitySteps(IOptionsMonitor<ActivityStepOptions> options, TimeProvider? clock = null, IConfiguration? configuration = null)
{
    readonly SagasOptions _sagas = configuration?.GetSagasOptions() ?? new SagasOptions();
    readonly ConcurrentDictionary<string, ActivityStepOptions> _declared = new(StringComparer.Ordinal);

    /// <summary>Defaults for every activity, for tests and tools that have no configuration.</summary>
    public static ActivitySteps Default { get; } = Fixed(new ActivityStepOptions());

    /// <summary>The same settings for every activity.</summary>
    public static ActivitySteps Fixed(ActivityStepOptions options, TimeProvider? clock = null) => new(new FixedOptions(options), clock);

    /// <summary>
    /// The settings of <paramref name="activity"/>'s steps: those its workflow declared (<see cref="Declare"/>),
    /// each overridden by <c>Sagas:Activities:{activity}</c> where that sets it; else the configured ones.
    /// </summary>
    public ActivityStepOptions For(string activity) => _declared.TryGetValue(activity, out var declared) ? declared : options.Get(activity);

    /// <summary>
    /// Settings a workflow gives its step in code, as Temporal's activity options: a fetch that takes
    /// an hour says so where it is started, rather than in every deployment's configuration.
    /// </summary>
    public void Declare(string activity, ActivityStepOptions settings)
    {
        var resolved = new ActivityStepOptions
        {
            StartToClose = settings.StartToClose,
            MaxAttempts = settings.MaxAttempts,
            HeartbeatTimeout = settings.HeartbeatTimeout,
            RouteToTaskQueues = settings.RouteToTaskQueues,
        };
        configuration?.GetSection($"Sagas:Activities:{activity}").Bind(resolved);
        _declared[activity] = resolved;
    }

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
