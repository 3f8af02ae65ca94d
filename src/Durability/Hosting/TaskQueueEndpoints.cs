using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Durability.Activities;

namespace Sagas.Durability.Hosting;

/// <summary>An activity consumer this process hosts, which a task queue of its name can serve.</summary>
public sealed record TaskQueueActivity(string EndpointName, Type ConsumerType);

public static class TaskQueueEndpoints
{
    /// <summary>Registers <typeparamref name="TConsumer"/> on its own queue, and lets the task queues of that queue carry it too.</summary>
    public static void AddActivity<TConsumer, TDefinition>(this IBusRegistrationConfigurator bus, string endpointName)
        where TConsumer : class, IConsumer
        where TDefinition : class, IConsumerDefinition<TConsumer>
    {
        bus.AddConsumer<TConsumer, TDefinition>();
        bus.AddSingleton(new TaskQueueActivity(endpointName, typeof(TConsumer)));
    }

    /// <summary>
    /// A receive endpoint for every queue in <c>Sagas:Worker:Queues</c>, each with the activity its
    /// name begins with (and that activity's retries, inbox and outbox), its concurrency limit and
    /// its rate limit. A queue naming an activity this process does not host stops it at start.
    /// </summary>
    internal static void ConfigureTaskQueues<TEndpoint>(this IBusFactoryConfigurator<TEndpoint> cfg, IBusRegistrationContext context)
        where TEndpoint : IReceiveEndpointConfigurator
    {
        var activities = context.GetServices<TaskQueueActivity>().ToDictionary(x => x.EndpointName);
        foreach (var queue in context.GetRequiredService<IConfiguration>().GetSection(TaskQueueOptions.Section).GetChildren())
        {
            var options = queue.Get<TaskQueueOptions>() ?? new TaskQueueOptions();
            if (TaskQueues.ActivityOf(queue.Key) is not { } name || !activities.TryGetValue(name, out var activity))
            {
                throw new InvalidOperationException(
                    $"{TaskQueueOptions.Section} names '{queue.Key}', which is not {{activity}}.{{route}} for an activity this process hosts ({string.Join(", ", activities.Keys.Order())})");
            }

            cfg.ReceiveEndpoint(queue.Key, endpoint =>
            {
                if (options.ConcurrencyLimit is { } limit)
                    endpoint.ConcurrentMessageLimit = limit;
                if (options.RateLimit is { } rate)
                    endpoint.UseRateLimit(rate, options.RateInterval);
                endpoint.ConfigureConsumer(context, activity.ConsumerType);
            });
        }
    }
}
