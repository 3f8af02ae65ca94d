using System.Reflection;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

/// <summary>
/// The signals the registered state machines accept: every event whose message carries
/// <see cref="SignalAttribute"/>, found by its short name or its type name.
/// </summary>
public sealed class SignalCatalog
{
    static readonly MethodInfo AddMachineMethod =
        typeof(SignalCatalog).GetMethod(nameof(AddMachine), BindingFlags.NonPublic | BindingFlags.Instance)!;

    readonly Dictionary<string, Signal> _byName = new(StringComparer.OrdinalIgnoreCase);

    public SignalCatalog(IServiceProvider services, Assembly workflows)
    {
        foreach (var machineType in workflows.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (SagaType(machineType) is { } sagaType)
                AddMachineMethod.MakeGenericMethod(sagaType).Invoke(this, [services.GetRequiredService(machineType)]);
        }
    }

    public IEnumerable<string> Names => _byName.Values.Select(x => x.Name).Distinct().Order();

    public Signal? Find(string name) => _byName.GetValueOrDefault(name);

    void AddMachine<TSaga>(DurableStateMachine<TSaga> machine)
        where TSaga : SagaInstance
    {
        foreach (var messageType in machine.Events.Select(MessageType).OfType<Type>())
        {
            if (messageType.GetCustomAttribute<SignalAttribute>() is not { } attribute)
                continue;

            var idProperty = messageType.GetProperty(attribute.IdProperty)
                ?? throw new InvalidOperationException($"{messageType.Name} names {attribute.IdProperty} as its id, but has no such property.");
            var signal = _byName.GetValueOrDefault(attribute.Name) ?? new Signal(attribute.Name, messageType, idProperty);
            if (signal.MessageType != messageType)
                throw new InvalidOperationException($"Signal '{attribute.Name}' is claimed by both {signal.MessageType.FullName} and {messageType.FullName}.");
            signal.Targets.Add(new SignalTarget(typeof(TSaga).Name, machine.TerminalStates, LoadStateAsync<TSaga>));
            _byName[attribute.Name] = signal;
            _byName[messageType.Name] = signal;
        }
    }

    static Task<string?> LoadStateAsync<TSaga>(SagasDbContext db, Guid id, CancellationToken cancellationToken)
        where TSaga : SagaInstance =>
        db.Set<TSaga>().AsNoTracking().Where(x => x.CorrelationId == id).Select(x => x.CurrentState).SingleOrDefaultAsync(cancellationToken);

    static Type? MessageType(MassTransit.Event @event) =>
        @event.GetType().GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Event<>))
            ?.GetGenericArguments()[0];

    static Type? SagaType(Type machine)
    {
        for (var type = machine.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(DurableStateMachine<>))
                return type.GetGenericArguments()[0];
        }

        return null;
    }
}

/// <summary>One signal message type and the sagas that accept it.</summary>
public sealed class Signal(string name, Type messageType, PropertyInfo idProperty)
{
    public string Name { get; } = name;

    public Type MessageType { get; } = messageType;

    public PropertyInfo IdProperty { get; } = idProperty;

    public List<SignalTarget> Targets { get; } = [];
}

public sealed record SignalTarget(string SagaType, IReadOnlySet<string> TerminalStates, Func<SagasDbContext, Guid, CancellationToken, Task<string?>> LoadStateAsync);
