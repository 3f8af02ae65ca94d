namespace Sagas.Contracts;

/// <summary>The HelloWorld's one step: compose a greeting for a name.</summary>
public record ComposeHelloWorldGreeting(Guid HelloWorldId, string Name);

public record HelloWorldGreetingComposed(Guid HelloWorldId, string Greeting);
