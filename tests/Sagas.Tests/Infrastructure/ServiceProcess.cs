using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sagas.Tests.Infrastructure;

/// <summary>One of our executables as a real process, killable without warning like a crashed pod.</summary>
public sealed class ServiceProcess(string assembly, IReadOnlyDictionary<string, string> environment) : IDisposable
{
    readonly ConcurrentQueue<string> _output = new();
    Process? _process;

    public IEnumerable<string> Output => _output;

    public string Assembly => assembly;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>When the process was last started.</summary>
    public DateTime StartedAt { get; private set; }

    /// <summary>Waits up to a minute for a line containing <paramref name="text"/>; the error shows the process's last lines.</summary>
    public async Task WaitForOutputAsync(string text, string what)
    {
        for (var i = 0; i < 600 && !Output.Any(l => l.Contains(text)); i++)
            await Task.Delay(100);
        if (!Output.Any(l => l.Contains(text)))
            throw new TimeoutException($"Timed out waiting for {what}:\n{string.Join('\n', Output.TakeLast(40))}");
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, assembly))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {assembly}");
        StartedAt = DateTime.UtcNow;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no shutdown hooks, no acks, whatever was in flight stays in flight.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Restart()
    {
        Kill();
        Start();
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }

    void Record(string? line)
    {
        if (line is not null)
            _output.Enqueue(line);
    }
}
