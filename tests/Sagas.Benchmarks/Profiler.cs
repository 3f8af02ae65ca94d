using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sagas.Benchmarks;

/// <summary>
/// <c>--profile</c>: where this process's time went during the measured batch, from EF Core's
/// diagnostic events (transactions, SQL statements) and the runtime's own counters. It sees the
/// in-process orchestrator only, not a separate worker.
/// </summary>
public sealed class Profiler : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    readonly ConcurrentDictionary<Guid, long> _openTransactions = new();
    readonly ConcurrentDictionary<string, Totals> _statements = new();
    readonly ConcurrentDictionary<string, int> _exceptions = new();
    readonly List<IDisposable> _subscriptions = [];
    readonly Totals _transactions = new();
    long _connectionsOpened;
    readonly List<(long Pending, int Threads)> _threadPool = [];
    Timer? _sampler;
    long _startedAt;
    TimeSpan _wall;
    TimeSpan _cpu;
    TimeSpan _gcPause;
    int _gen0;
    int _gen2;
    volatile bool _recording;

    public Profiler()
    {
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            if (_recording)
                _exceptions.AddOrUpdate(e.Exception.GetType().Name, 1, (_, n) => n + 1);
        };
    }

    public void Start()
    {
        _startedAt = Stopwatch.GetTimestamp();
        _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _gcPause = GC.GetTotalPauseDuration();
        (_gen0, _gen2) = (GC.CollectionCount(0), GC.CollectionCount(2));
        _recording = true;
        _sampler = new Timer(_ =>
        {
            lock (_threadPool)
                _threadPool.Add((ThreadPool.PendingWorkItemCount, ThreadPool.ThreadCount));
        }, null, 0, 100);
    }

    public void Stop()
    {
        _recording = false;
        _sampler?.Dispose();
        _wall = Stopwatch.GetElapsedTime(_startedAt);
        _cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpu;
        _gcPause = GC.GetTotalPauseDuration() - _gcPause;
        (_gen0, _gen2) = (GC.CollectionCount(0) - _gen0, GC.CollectionCount(2) - _gen2);
    }

    public void Print(int sagas)
    {
        var (wall, cpu) = (_wall, _cpu);
        Console.WriteLine($"profile     wall {wall.TotalSeconds:0.00} s, CPU {cpu.TotalSeconds:0.00} s ({cpu / wall:0.00} of {Environment.ProcessorCount} cores), " +
                          $"GC pause {_gcPause.TotalMilliseconds:0} ms, gen0 {_gen0}, gen2 {_gen2}");
        // On SQLite every transaction holds the write gate, so their total time against wall time is the gate's utilisation.
        Console.WriteLine($"profile     {_transactions.Count} transactions ({(double)_transactions.Count / sagas:0.0}/saga), open {_transactions.Milliseconds:0} ms in total " +
                          $"({_transactions.Milliseconds / wall.TotalMilliseconds:P0} of wall), {_transactions.Milliseconds / _transactions.Count:0.00} ms each; " +
                          $"{_connectionsOpened} connections opened ({(double)_connectionsOpened / sagas:0.0}/saga)");
        var statements = _statements.Values.Sum(s => s.Count);
        Console.WriteLine($"profile     {statements} SQL statements ({(double)statements / sagas:0.0}/saga), executing {_statements.Values.Sum(s => s.Milliseconds):0} ms; slowest in total:");
        foreach (var (sql, totals) in _statements.OrderByDescending(s => s.Value.Milliseconds).Take(12))
            Console.WriteLine($"  {totals.Count,7} x {totals.Milliseconds / totals.Count,6:0.000} ms = {totals.Milliseconds,7:0} ms  {sql}");
        // A long queue with idle cores means continuations wait for a thread: something blocks pool threads.
        Console.WriteLine($"profile     thread pool: queue avg {_threadPool.Average(x => x.Pending):0} max {_threadPool.Max(x => x.Pending)}, " +
                          $"threads avg {_threadPool.Average(x => x.Threads):0} max {_threadPool.Max(x => x.Threads)}");
        Console.WriteLine($"profile     first-chance exceptions: {(_exceptions.IsEmpty ? "none" : string.Join(", ", _exceptions.Select(e => $"{e.Key} {e.Value}")))}");
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!_recording)
            return;

        switch (value.Value)
        {
            case TransactionEndEventData end when value.Key == RelationalEventId.TransactionCommitted.Name || value.Key == RelationalEventId.TransactionRolledBack.Name:
                if (_openTransactions.TryRemove(end.TransactionId, out var started))
                    _transactions.Add(Stopwatch.GetElapsedTime(started));
                break;
            case TransactionEventData start when value.Key == RelationalEventId.TransactionStarted.Name:
                _openTransactions[start.TransactionId] = Stopwatch.GetTimestamp();
                break;
            case ConnectionEndEventData when value.Key == RelationalEventId.ConnectionOpened.Name:
                Interlocked.Increment(ref _connectionsOpened);
                break;
            case CommandExecutedEventData executed:
                _statements.GetOrAdd(Shorten(executed.Command.CommandText), _ => new Totals()).Add(executed.Duration);
                break;
        }
    }

    static string Shorten(string sql)
    {
        var oneLine = string.Join(' ', sql.Split((char[])['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 110 ? oneLine : oneLine[..110] + "…";
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _sampler?.Dispose();
        _subscriptions.ForEach(s => s.Dispose());
    }

    sealed class Totals
    {
        long _count;
        long _ticks;

        public long Count => Interlocked.Read(ref _count);

        public double Milliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalMilliseconds;

        public void Add(TimeSpan duration)
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _ticks, duration.Ticks);
        }
    }
}
