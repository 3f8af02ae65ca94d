using System.Reflection;
using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Hosting;

namespace Sagas.Orchestrator.Sagas;

/// <summary>
/// The signals each registered state machine accepts: every event whose message carries
/// <see cref="SignalAttribute"/>, by its short name or its type name. Names are per workflow, so
/// two workflows may each have their own <c>cancel</c>.
/// </summary>
public sealed class SignalCatalog
{
    readonly Dictionary<Type, Dictionary<string, Signal>> _byState = [];

    public SignalCatalog(IServiceProvider services, Assembly workflows)
    {
        foreach (var (machineType, stateType) in DurableStateMachines.In(workflows))
        {
            var signals = new Dictionary<string, Signal>(StringComparer.OrdinalIgnoreCase);
            var machine = (StateMachine)services.GetRequiredService(machineType);
            foreach (var messageType in machine.Events.Select(MessageType).OfType<Type>())
            {
                if (messageType.GetCustomAttribute<SignalAttribute>() is not { } attribute)
                    continue;

                var idProperty = messageType.GetProperty(attribute.IdProperty)
                    ?? throw new InvalidOperationException($"{messageType.Name} names {attribute.IdProperty} as its id, but has no such property.");
                var signal = new Signal(attribute.Name, messageType, idProperty);
                signals[attribute.Name] = signal;
                signals[messageType.Name] = signal;
            }

            _byState[stateType] = signals;
        }
    }

    /// <summary>The signals instances of this saga state accept, by short name.</summary>
    public IEnumerable<string> NamesFor(Type stateType) =>
        (_byState.GetValueOrDefault(stateType)?.Values.AsEnumerable() ?? []).Select(x => x.Name).Distinct().Order();

    public Signal? Find(Type stateType, string name) => _byState.GetValueOrDefault(stateType)?.GetValueOrDefault(name);

    static Type? MessageType(MassTransit.Event @event) =>
        @event.GetType().GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Event<>))
            ?.GetGenericArguments()[0];
}

/// <summary>One signal message type; its id property names the saga it is for.</summary>
public sealed record Signal(string Name, Type MessageType, PropertyInfo IdProperty);
