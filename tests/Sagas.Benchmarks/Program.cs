using Sagas.Benchmarks;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

// Ctrl+C cancels the run instead of killing the process, so the database, vhost and worker are still cleaned up.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    await using IBenchmarkStack stack = options.Mode == BenchmarkMode.Embedded ? new EmbeddedStack() : await RealStack.CreateAsync(options.OneProcess);
    Console.WriteLine($"mode        {options.Mode.ToString().ToLowerInvariant()}: {stack.Description}");
    var pace = options.Rate is { } rate
        ? $"{options.Count} transfers at {rate}/s for {options.Seconds} s (+{options.Warmup} warm-up, {options.InFlight} publishes in flight)"
        : $"{options.Count} transfers (+{options.Warmup} warm-up), {options.InFlight} publishes in flight";
    Console.WriteLine($"workload    {pace} over {options.Accounts} accounts, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

    await using var orchestrator = await InProcessOrchestrator.StartAsync(stack.Settings, options.Hold > 0 ? HeldTransfers.Settings : null, cancellation.Token);
    await stack.OrchestratorStartedAsync(cancellation.Token);

    var workload = new Workload(options.Accounts);
    await orchestrator.OpenAccountsAsync(workload.AccountIds, Workload.OpeningBalance);
    if (options.Preload is > 0 and var preload)
        await Preload.RunAsync((RealStack)stack, preload, orchestrator.StartedAt, cancellation.Token);

    if (options.Warmup > 0)
        await Driver.RunAsync(orchestrator, workload.Transfers(options.Warmup), options.InFlight, terminalBefore: 0, cancellation.Token);
    if (options.Hold > 0)
        await HeldTransfers.RunAsync((RealStack)stack, orchestrator, workload.Transfers(options.Hold), options.InFlight, terminalBefore: options.Warmup, cancellation.Token);
    var terminalBefore = options.Warmup + options.Hold;
    var transfers = workload.Transfers(options.Count);
    // In real mode this first waits ~11 s for PostgreSQL's and RabbitMQ's statistics to take in the warm-up.
    var costs = await CostCounters.StartAsync(stack as RealStack, cancellation.Token);
    using var profiler = options.Profile ? new Profiler() : null;
    profiler?.Start();
    var run = options.Rate is { } perSecond
        ? await Driver.RunAtRateAsync(orchestrator, transfers, perSecond, terminalBefore, cancellation.Token)
        : await Driver.RunAsync(orchestrator, transfers, options.InFlight, terminalBefore, cancellation.Token);
    profiler?.Stop();
    costs.Stop();

    var sagas = await orchestrator.TransfersAsync();
    Report.PrintFigures(run, sagas);
    await costs.PrintAsync(options.Count, cancellation.Token);
    profiler?.Print(options.Count);
    if (options.Preload is { } preloaded)
    {
        // What operators and the sweeper meet once the tables are big: with --preload 0, the same on the run's rows alone.
        await ApiLatency.PrintAsync(orchestrator.Http, preloaded > 0 ? Preload.AccountId(1) : workload.AccountIds[0], cancellation.Token);
        await SweepCost.PrintAsync((RealStack)stack, orchestrator.Services, cancellation.Token);
    }

    var ok = Verification.Run(workload, terminalBefore + options.Count, sagas, await orchestrator.AccountsAsync(), await orchestrator.LedgerEntriesAsync());
    return ok ? 0 : 1;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
catch (Exception exception)
{
    Console.Error.WriteLine($"benchmark failed: {exception}");
    return 1;
}

// Other work on the machine skews every figure, so say how busy it was when the run started.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
