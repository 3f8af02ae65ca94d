using MassTransit;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.HelloWorld;

/// <summary>
/// The HelloWorld's activity, on its own queue (<c>compose-hello-world-greeting</c>). An activity may
/// run more than once for one step (a redelivery, a step sent again after its deadline): make it idempotent.
/// </summary>
public sealed class ComposeHelloWorldGreetingConsumer : IConsumer<ComposeHelloWorldGreeting>
{
    public Task Consume(ConsumeContext<ComposeHelloWorldGreeting> context) =>
        context.Publish(new HelloWorldGreetingComposed(context.Message.HelloWorldId, $"Hello, {context.Message.Name}!"));
}
