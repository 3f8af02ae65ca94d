using System.Diagnostics;

namespace Sagas.Benchmarks;

/// <summary>One <c>Sagas.ActivityWorkers</c> process, as deployed: its own runtime, its own connections.</summary>
public sealed class WorkerProcess : IDisposable
{
    const string Assembly = "Sagas.ActivityWorkers";

    readonly Process _process;

    WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static WorkerProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, Assembly + ".dll");
        // Without its runtimeconfig the dll cannot be started on its own.
        if (!File.Exists(dll) || !File.Exists(Path.Combine(directory, Assembly + ".runtimeconfig.json")))
            throw new FileNotFoundException($"{Assembly}.dll and its runtimeconfig.json are not in {directory}; build the benchmark project first.");

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (name, value) in environment)
            info.Environment[name] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the worker process");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    static void Forward(string? line)
    {
        if (line is not null)
            Console.Error.WriteLine($"[worker] {line}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }
}
