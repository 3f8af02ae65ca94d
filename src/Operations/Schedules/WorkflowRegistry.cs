using System.Reflection;

namespace Sagas.Operations.Schedules;

/// <summary>The workflows a schedule can start, by name (case-insensitive).</summary>
public sealed class WorkflowRegistry
{
    readonly Dictionary<string, IWorkflowStarter> _starters = new(StringComparer.OrdinalIgnoreCase);

    public WorkflowRegistry(IEnumerable<IWorkflowStarter> starters)
    {
        foreach (var starter in starters)
        {
            if (!_starters.TryAdd(starter.Workflow, starter))
                throw new InvalidOperationException($"Two workflows are named {starter.Workflow}: {_starters[starter.Workflow].GetType()} and {starter.GetType()}.");
        }
    }

    public IEnumerable<string> Names => _starters.Keys.Order();

    public IWorkflowStarter? Find(string? workflow) =>
        workflow is not null && _starters.TryGetValue(workflow, out var starter) ? starter : null;

    public static IEnumerable<Type> StarterTypes(IEnumerable<Assembly> assemblies) =>
        assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IWorkflowStarter).IsAssignableFrom(t));
}
