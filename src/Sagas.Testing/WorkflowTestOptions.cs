using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Durability.Activities;

namespace Sagas.Testing;

/// <summary>What a <see cref="WorkflowTestHost{TMachine,TSaga}"/> runs beside the state machine, and on what.</summary>
public sealed class WorkflowTestOptions
{
    internal List<Action<IBusRegistrationConfigurator, IServiceCollection>> Registrations { get; } = [];

    internal Dictionary<string, string?> Settings { get; } = [];

    /// <summary>
    /// The SQLite file the workflow keeps its state in. Give the same file to a second host to restart
    /// (or deploy a new version) over the first one's instances; a host deletes only a file it chose.
    /// </summary>
    public string? DatabaseFile { get; set; }

    /// <summary>The clock timers, step deadlines and history read; share it between hosts that take turns.</summary>
    public AdjustableClock Clock { get; set; } = new();

    /// <summary>Fakes the activity that takes <typeparamref name="TCommand"/>; until told otherwise it never answers.</summary>
    public WorkflowTestOptions Fake<TCommand>(Action<FakeActivity<TCommand>>? configure = null)
        where TCommand : class
    {
        var fake = new FakeActivity<TCommand>();
        configure?.Invoke(fake);
        Registrations.Add((bus, services) =>
        {
            services.AddSingleton(fake);
            bus.AddConsumer<FakeActivityConsumer<TCommand>, TestConsumerDefinition<FakeActivityConsumer<TCommand>>>()
                .Endpoint(e => e.Name = KebabCaseEndpointNameFormatter.Instance.SanitizeName(typeof(TCommand).Name));
        });
        return this;
    }

    /// <summary>Runs a real consumer: an activity, or the workflow's query; register what it needs with <see cref="Services"/>.</summary>
    public WorkflowTestOptions Consumer<TConsumer>()
        where TConsumer : class, IConsumer
    {
        Registrations.Add((bus, _) => bus.AddConsumer<TConsumer, TestConsumerDefinition<TConsumer>>());
        return this;
    }

    /// <summary>Services the real consumers, or the state machine, need.</summary>
    public WorkflowTestOptions Services(Action<IServiceCollection> configure)
    {
        Registrations.Add((_, services) => configure(services));
        return this;
    }

    /// <summary>An activity step's settings (attempts, start-to-close, heartbeat timeout), as <c>Sagas:Activities:{name}</c> gives them.</summary>
    public WorkflowTestOptions Step(string name, ActivityStepOptions step)
    {
        var prefix = $"Sagas:Activities:{name}:";
        Settings[prefix + nameof(ActivityStepOptions.MaxAttempts)] = step.MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings[prefix + nameof(ActivityStepOptions.StartToClose)] = step.StartToClose.ToString("c");
        if (step.HeartbeatTimeout is { } heartbeat)
            Settings[prefix + nameof(ActivityStepOptions.HeartbeatTimeout)] = heartbeat.ToString("c");
        return this;
    }

    /// <summary>Any other setting, by its configuration key.</summary>
    public WorkflowTestOptions Setting(string key, string? value)
    {
        Settings[key] = value;
        return this;
    }
}
