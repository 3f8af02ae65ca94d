namespace Sagas.Benchmarks;

public enum BenchmarkMode
{
    Embedded,
    Real,
}

public sealed record BenchmarkOptions(BenchmarkMode Mode, int Count, int Accounts, int Warmup, int InFlight, bool Profile = false)
{
    public const string Usage =
        "usage: Sagas.Benchmarks embedded|real [--count N (2000)] [--accounts M (200)] [--warmup W (100)] [--in-flight K (64)] [--profile]";

    public static BenchmarkOptions Parse(string[] args)
    {
        if (args.Length == 0 || !Enum.TryParse<BenchmarkMode>(args[0], ignoreCase: true, out var mode))
            throw new ArgumentException(Usage);

        var options = new BenchmarkOptions(mode, Count: 2000, Accounts: 200, Warmup: 100, InFlight: 64);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--profile")
            {
                options = options with { Profile = true };
                continue;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var value) || value < 0)
                throw new ArgumentException($"{args[i]} needs a non-negative number. {Usage}");

            options = args[i++] switch
            {
                "--count" => options with { Count = value },
                "--accounts" => options with { Accounts = value },
                "--warmup" => options with { Warmup = value },
                "--in-flight" => options with { InFlight = value },
                _ => throw new ArgumentException($"unknown option {args[i - 1]}. {Usage}"),
            };
        }

        if (options.Count < 1 || options.Accounts < 2 || options.InFlight < 1)
            throw new ArgumentException($"--count ≥ 1, --accounts ≥ 2 and --in-flight ≥ 1. {Usage}");
        return options;
    }
}
