namespace Sagas.Benchmarks;

public enum BenchmarkMode
{
    Embedded,
    Real,
}

/// <summary>
/// The command line. Without <see cref="Rate"/> the measured transfers go out as one burst with
/// <see cref="InFlight"/> publishes outstanding; with it they go out at that rate for
/// <see cref="Seconds"/>, and <see cref="Count"/> is their product. <see cref="Preload"/> (given, even 0)
/// puts that many finished transfers in the tables first and times the list API and the deadline sweep
/// after the burst; <see cref="Hold"/> measures the orchestrator's memory with that many transfers waiting.
/// </summary>
public sealed record BenchmarkOptions(BenchmarkMode Mode, int Count, int Accounts, int Warmup, int InFlight, bool Profile = false,
    bool OneProcess = false, int? Rate = null, int? Seconds = null, int? Preload = null, int Hold = 0)
{
    public const string Usage =
        "usage: Sagas.Benchmarks embedded|real [--count N (2000) | --rate R --seconds T] [--accounts M (200)] [--warmup W (100)] " +
        "[--in-flight K (64)] [--one-process (real only)] [--profile] [--preload P (real only)] [--hold H (real, two processes)]";

    public static BenchmarkOptions Parse(string[] args)
    {
        if (args.Length == 0 || !Enum.TryParse<BenchmarkMode>(args[0], ignoreCase: true, out var mode))
            throw new ArgumentException(Usage);

        var options = new BenchmarkOptions(mode, Count: 2000, Accounts: 200, Warmup: 100, InFlight: 64);
        var countGiven = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is "--profile" or "--one-process")
            {
                options = args[i] == "--profile" ? options with { Profile = true } : options with { OneProcess = true };
                continue;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var value) || value < 0)
                throw new ArgumentException($"{args[i]} needs a non-negative number. {Usage}");

            countGiven |= args[i] == "--count";
            options = args[i++] switch
            {
                "--count" => options with { Count = value },
                "--accounts" => options with { Accounts = value },
                "--warmup" => options with { Warmup = value },
                "--in-flight" => options with { InFlight = value },
                "--rate" => options with { Rate = value },
                "--seconds" => options with { Seconds = value },
                "--preload" => options with { Preload = value },
                "--hold" => options with { Hold = value },
                _ => throw new ArgumentException($"unknown option {args[i - 1]}. {Usage}"),
            };
        }

        if (options.Rate.HasValue != options.Seconds.HasValue)
            throw new ArgumentException($"--rate and --seconds go together. {Usage}");
        if (options is { Rate: { } rate, Seconds: { } seconds })
        {
            if (countGiven)
                throw new ArgumentException($"--count and --rate exclude each other: the count is rate × seconds. {Usage}");
            if (rate < 1 || seconds < 1 || (long)rate * seconds > int.MaxValue)
                throw new ArgumentException($"--rate ≥ 1 and --seconds ≥ 1. {Usage}");
            options = options with { Count = rate * seconds };
        }

        if (options.OneProcess && options.Mode != BenchmarkMode.Real)
            throw new ArgumentException($"--one-process is for real mode; embedded always runs the activities in process. {Usage}");
        if (options.Preload.HasValue && options.Mode != BenchmarkMode.Real)
            throw new ArgumentException($"--preload is for real mode: it writes PostgreSQL's tables with SQL. {Usage}");
        // Holding transfers in flight means stopping the worker that would finish them.
        if (options.Hold > 0 && (options.Mode != BenchmarkMode.Real || options.OneProcess))
            throw new ArgumentException($"--hold is for real mode with the worker process, not --one-process. {Usage}");
        if (options.Count < 1 || options.Accounts < 2 || options.InFlight < 1)
            throw new ArgumentException($"--count ≥ 1, --accounts ≥ 2 and --in-flight ≥ 1. {Usage}");
        return options;
    }
}
