using System.Reflection;
using Sagas.Durability.Sagas;

namespace Sagas.Durability.Hosting;

/// <summary>Finds the durable state machines of an assembly, so that adding a workflow means adding its folder.</summary>
public static class DurableStateMachines
{
    public static IEnumerable<(Type Machine, Type State)> In(Assembly assembly)
    {
        foreach (var machine in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (StateOf(machine) is { } state)
                yield return (machine, state);
        }
    }

    static Type? StateOf(Type machine)
    {
        for (var type = machine.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(DurableStateMachine<>))
                return type.GetGenericArguments()[0];
        }

        return null;
    }
}
