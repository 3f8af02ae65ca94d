namespace Sagas.Orchestrator.Sagas;

/// <summary>
/// Where a workflow is started over HTTP: <c>POST {Path}</c> answers <c>202</c> with
/// <c>Location: {Path}/{id}</c> and the id under <paramref name="IdName"/>.
/// </summary>
/// <param name="Noun">What one instance is called in a refusal ("Invalid transfer").</param>
public sealed record StartRoute(string Path, string IdName, string Noun);
