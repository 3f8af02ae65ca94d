using System.Reflection;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Sagas;

namespace Sagas.Durability.Hosting;

public static class DurableStateMachineRegistration
{
    static readonly MethodInfo AddOneMethod =
        typeof(DurableStateMachineRegistration).GetMethod(nameof(AddOne), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// Registers every <see cref="DurableStateMachine{TSaga}"/> in the assembly with a durable
    /// repository on <typeparamref name="TContext"/>, so adding a workflow means adding its folder.
    /// </summary>
    public static void AddDurableStateMachines<TContext>(this IBusRegistrationConfigurator bus, Assembly assembly)
        where TContext : DbContext
    {
        foreach (var (machine, state) in DurableStateMachines.In(assembly))
            AddOneMethod.MakeGenericMethod(machine, state, typeof(TContext)).Invoke(null, [bus]);
    }

    static void AddOne<TMachine, TSaga, TContext>(IBusRegistrationConfigurator bus)
        where TMachine : DurableStateMachine<TSaga>
        where TSaga : SagaInstance
        where TContext : DbContext =>
        bus.AddSagaStateMachine<TMachine, TSaga, DurableSagaDefinition<TSaga, TContext>>().DurableRepository<TSaga, TContext>();
}
