using Sagas.Contracts;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Sagas;

namespace Sagas.Orchestrator.Workflows.HelloWorld;

/// <summary>Start and read a HelloWorld; signals, cancel and terminate go through <c>/api/sagas</c>.</summary>
public sealed class HelloWorldEndpoints : IEndpointGroup
{
    public record StartHelloWorldRequest(Guid? HelloWorldId, string? Name);

    public record HelloWorldView(
        Guid HelloWorldId, string State, string Name, string? Greeting, string? FailureReason,
        DateTime CreatedAt, DateTime? CompletedAt, IReadOnlyList<SagaHistoryView> History);

    static readonly StartRoute Start = new("/api/hello-worlds", "helloWorldId", "hello-world");

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Start.Path).WithTags("HelloWorld");
        group.MapPost("/", StartAsync);
        group.MapGet("/{id:guid}", GetAsync);
    }

    static Task<IResult> StartAsync(StartHelloWorldRequest request, SagaStarts starts, HttpContext http) =>
        starts.StartAsync(http, Start, request, request.HelloWorldId,
            id => new StartHelloWorld { HelloWorldId = id, Name = request.Name ?? "" },
            HelloWorldStateMachine.Problem);

    static Task<IResult> GetAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken) =>
        db.ReadAsync<HelloWorldState, HelloWorldView>(Start, id, (saga, history) => new HelloWorldView(
            saga.CorrelationId, saga.CurrentState, saga.Name, saga.Greeting, saga.FailureReason, saga.CreatedAt, saga.CompletedAt, history), cancellationToken);
}
