using System.Text.Json;

namespace Sagas.Durability.Compensation;

/// <summary>Turns undo commands into rows of the saga's compensation column and back.</summary>
static class CompensationCommands
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="step">The undo's own step name (timers, answers); the command's type name unless given.</param>
    public static CompensationRecord Record(string forStep, object command, Uri? destination = null, string? step = null)
    {
        var type = command.GetType();
        return new CompensationRecord(forStep, step ?? type.Name, $"{type.FullName}, {type.Assembly.GetName().Name}",
            JsonSerializer.Serialize(command, type, Json), destination?.ToString());
    }

    /// <summary>
    /// The undo of one branch of a fan-out: its step is named after the branch too, so the answer to
    /// one branch's undo (a late one, after a re-send) is never taken for the next branch's.
    /// </summary>
    public static CompensationRecord RecordBranch(string forStep, string branch, object command)
    {
        var record = Record(BranchStep(forStep, branch), command);
        return record with { Step = BranchStep(record.Step, branch), Activity = record.Step };
    }

    public static string BranchStep(string step, string branch) => $"{step}/{branch}";

    public static (object Message, Type Type) Restore(CompensationRecord record)
    {
        var type = Type.GetType(record.MessageType, throwOnError: true)!;
        return (JsonSerializer.Deserialize(record.Message, type, Json)!, type);
    }

    /// <summary>
    /// Adds the undo of a step, replacing one recorded before for the same step (a step re-entered
    /// after a retry). An undo whose command type another pending undo already uses is named after
    /// the step it undoes too: answers name the undo they answer, and a late answer to one (after a
    /// re-send) must never be taken for the other.
    /// </summary>
    public static void Push(this List<CompensationRecord> compensations, CompensationRecord record)
    {
        compensations.RemoveAll(x => x.ForStep == record.ForStep);
        if (compensations.Any(x => x.Step == record.Step))
            record = record with { Step = BranchStep(record.Step, record.ForStep), Activity = record.StepSettings };
        compensations.Add(record);
    }
}
