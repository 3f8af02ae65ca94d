using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.HelloWorld;

/// <summary>Composes a greeting for a name and keeps it. Replace the step with your workflow's own.</summary>
public class HelloWorldStateMachine : SteppingStateMachine<HelloWorldState>
{
    public const string ComposeStep = "ComposeHelloWorldGreeting";
    public const int NameLength = 64;

    public HelloWorldStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => StartHelloWorld, e => e.CorrelateById(m => m.Message.HelloWorldId));
        Event(() => GreetingComposed, e => e.CorrelateById(m => m.Message.HelloWorldId));
        Succeeded(Completed);
        Terminal(Rejected, Failed);

        Initially(
            WhenStarted(StartHelloWorld, Problem,
                valid => valid
                    .Then(x => x.Saga.Name = x.Message.Name)
                    .StartStep(steps, ComposeStep, x => Compose(x.Saga))
                    .TransitionTo(Composing),
                invalid => invalid
                    .TransitionTo(Rejected)));

        During(Composing,
            When(GreetingComposed)
                .EndStep()
                .Then(x => x.Saga.Greeting = x.Message.Greeting)
                .TransitionTo(Completed),
            RetryOrGiveUp(x => Compose(x.Saga), giveUp => giveUp.GiveUp().TransitionTo(Failed)));
    }

    public State Composing { get; private set; } = null!;
    public State Completed { get; private set; } = null!;

    /// <summary>The request broke a rule; nothing was done.</summary>
    public State Rejected { get; private set; } = null!;

    /// <summary>The step never answered.</summary>
    public State Failed { get; private set; } = null!;

    public Event<StartHelloWorld> StartHelloWorld { get; private set; } = null!;
    public Event<HelloWorldGreetingComposed> GreetingComposed { get; private set; } = null!;

    /// <summary>One set of rules for a start, whether it came over HTTP or the bus.</summary>
    public static string? Problem(StartHelloWorld request) =>
        request.HelloWorldId == Guid.Empty ? "helloWorldId is required"
        : string.IsNullOrWhiteSpace(request.Name) ? "name is required"
        : request.Name.Length > NameLength ? $"name must be at most {NameLength} characters"
        : null;

    static ComposeHelloWorldGreeting Compose(HelloWorldState saga) => new(saga.CorrelationId, saga.Name);
}
