using System.Text.Json;
using Sagas.Operations.Schedules;

namespace Sagas.Orchestrator.Schedules;

/// <summary>Named schedules that start workflows: create, list, describe, pause, resume, run now, delete.</summary>
public sealed class ScheduleEndpoints : IEndpointGroup
{
    /// <summary>
    /// Durations (interval, jitter) are "hh:mm:ss" strings; input is the start message's JSON object.
    /// Enums and durations arrive as text so that a typo becomes a 400 with its reason.
    /// </summary>
    public record CreateScheduleRequest(
        string? Name, string? Cron, string? Interval, string? TimeZone, DateTimeOffset? Start, DateTimeOffset? End,
        string? Workflow, JsonElement? Input, string? Overlap, string? Misfire, string? Jitter);

    public void Map(IEndpointRouteBuilder app)
    {
        // Schedules live in Quartz; a process with the scheduler turned off has none to show.
        if (app.ServiceProvider.GetService<WorkflowSchedules>() is null)
            return;

        var schedules = app.MapGroup("/api/schedules").WithTags("Schedules");
        schedules.MapPost("/", CreateAsync);
        schedules.MapGet("/", async (WorkflowSchedules s, CancellationToken ct) => Results.Ok(await s.ListAsync(ct)));
        schedules.MapGet("/{name}", DescribeAsync);
        schedules.MapPost("/{name}/pause", (string name, WorkflowSchedules s, CancellationToken ct) => ChangeAsync(name, s.PauseAsync(name, ct)));
        schedules.MapPost("/{name}/resume", (string name, WorkflowSchedules s, CancellationToken ct) => ChangeAsync(name, s.ResumeAsync(name, ct)));
        schedules.MapPost("/{name}/trigger", async (string name, WorkflowSchedules s, CancellationToken ct) =>
            await s.TriggerAsync(name, ct) ? Results.Accepted($"/api/schedules/{name}") : NotFound(name));
        schedules.MapDelete("/{name}", (string name, WorkflowSchedules s, CancellationToken ct) => ChangeAsync(name, s.DeleteAsync(name, ct)));
    }

    /// <summary>Reads the body itself so that malformed JSON is a 400 that says what is wrong with it.</summary>
    static async Task<IResult> CreateAsync(HttpRequest http, WorkflowSchedules schedules, CancellationToken cancellationToken)
    {
        CreateScheduleRequest? request;
        try
        {
            request = await http.ReadFromJsonAsync<CreateScheduleRequest>(cancellationToken);
        }
        catch (JsonException exception)
        {
            return Invalid($"the body is not valid JSON: {exception.Message}");
        }
        catch (InvalidOperationException exception)
        {
            return Invalid(exception.Message);
        }

        if (request is null)
            return Invalid("the body must be a JSON object");
        if (ToSpec(request, out var spec) is { } problem)
            return Invalid(problem);

        var (change, reason) = await schedules.CreateAsync(spec, cancellationToken);
        return change switch
        {
            ScheduleChange.Done => Results.Created($"/api/schedules/{spec.Name}", await schedules.DescribeAsync(spec.Name, cancellationToken)),
            ScheduleChange.Conflict => Results.Problem(reason, statusCode: StatusCodes.Status409Conflict, title: "Schedule exists"),
            _ => Invalid(reason!),
        };
    }

    static async Task<IResult> DescribeAsync(string name, WorkflowSchedules schedules, CancellationToken cancellationToken) =>
        await schedules.DescribeAsync(name, cancellationToken) is { } view ? Results.Ok(view) : NotFound(name);

    static async Task<IResult> ChangeAsync(string name, Task<bool> change) =>
        await change ? Results.NoContent() : NotFound(name);

    static string? ToSpec(CreateScheduleRequest request, out ScheduleSpec spec)
    {
        spec = new ScheduleSpec();
        if (request.Input is { } input && input.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
            return "input must be a JSON object (the start message's fields)";
        if (!TryDuration(request.Interval, "interval", out var interval, out var problem) || !TryDuration(request.Jitter, "jitter", out var jitter, out problem))
            return problem;
        if (!TryEnum(request.Overlap, ScheduleOverlap.Skip, "overlap", out var overlap, out problem) || !TryEnum(request.Misfire, ScheduleMisfire.RunOnce, "misfire", out var misfire, out problem))
            return problem;

        spec = new ScheduleSpec
        {
            Name = request.Name ?? "",
            Cron = string.IsNullOrWhiteSpace(request.Cron) ? null : request.Cron.Trim(),
            Interval = interval,
            TimeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? "UTC" : request.TimeZone,
            Start = request.Start,
            End = request.End,
            Workflow = request.Workflow ?? "",
            Input = request.Input is { ValueKind: JsonValueKind.Object } json ? json.GetRawText() : null,
            Overlap = overlap,
            Misfire = misfire,
            Jitter = jitter,
        };
        return null;
    }

    static bool TryDuration(string? text, string field, out TimeSpan? value, out string? problem)
    {
        value = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero)
        {
            value = parsed;
            return true;
        }

        problem = $"{field} '{text}' is not a positive duration (hh:mm:ss)";
        return false;
    }

    static bool TryEnum<T>(string? text, T fallback, string field, out T value, out string? problem)
        where T : struct, Enum
    {
        problem = null;
        value = fallback;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value))
            return true;

        problem = $"{field} must be one of {string.Join(", ", Enum.GetNames<T>())}";
        return false;
    }

    static IResult Invalid(string problem) =>
        Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid schedule");

    static IResult NotFound(string name) =>
        Results.Problem($"No schedule {name}", statusCode: StatusCodes.Status404NotFound);
}
