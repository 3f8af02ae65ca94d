namespace Sagas.Benchmarks;

/// <summary>
/// CPU time and peak memory of processes from /proc, which also covers the PostgreSQL and RabbitMQ
/// servers this process did not start. Null wherever a figure cannot be read (no /proc, no such process).
/// </summary>
public static class ProcessCpu
{
    // /proc counts in USER_HZ ticks, which sysconf(_SC_CLK_TCK) reports; the kernel fixes it at 100 on every architecture .NET runs on.
    const double TicksPerSecond = 100;

    /// <summary>utime + stime of one process, in seconds.</summary>
    public static double? Seconds(int pid) => Read($"/proc/{pid}/stat") is { } stat ? (stat.User + stat.System) / TicksPerSecond : null;

    /// <summary>
    /// Every process whose command name is one of <paramref name="names"/>, in seconds, including
    /// children they have reaped: a PostgreSQL backend that exits between two samples moves its time
    /// into the postmaster's cutime/cstime, so the sum neither loses it nor counts it twice.
    /// </summary>
    public static double? GroupSeconds(IReadOnlyCollection<string> names)
    {
        if (!Directory.Exists("/proc"))
            return null;

        var (found, ticks) = (false, 0L);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _) || Read(Path.Combine(directory, "stat")) is not { } stat || !names.Contains(stat.Name))
                continue;
            found = true;
            ticks += stat.User + stat.System + stat.ChildrenUser + stat.ChildrenSystem;
        }

        return found ? ticks / TicksPerSecond : null;
    }

    /// <summary>VmHWM, the largest resident set the process has had so far, in MB.</summary>
    public static double? PeakRssMegabytes(int pid) => StatusMegabytes(pid, "VmHWM");

    /// <summary>VmRSS, the resident set now, in MB.</summary>
    public static double? RssMegabytes(int pid) => StatusMegabytes(pid, "VmRSS");

    static double? StatusMegabytes(int pid, string field)
    {
        var line = ReadText($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        // "VmHWM:    123456 kB"
        return line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var kilobytes, "kB"] && long.TryParse(kilobytes, out var kb)
            ? kb / 1024.0
            : null;
    }

    static Stat? Read(string path)
    {
        var text = ReadText(path);
        // "pid (comm) state ppid …": the command name may itself hold spaces and parentheses, so it ends at the last ')'.
        var (open, close) = (text?.IndexOf('(') ?? -1, text?.LastIndexOf(')') ?? -1);
        if (text is null || open < 0 || close < open || close + 2 > text.Length)
            return null;

        // fields[0] is field 3 of proc(5) (state); utime, stime, cutime and cstime are fields 14 to 17.
        var fields = text[(close + 2)..].Split(' ');
        return fields.Length > 14
               && long.TryParse(fields[11], out var user) && long.TryParse(fields[12], out var system)
               && long.TryParse(fields[13], out var childrenUser) && long.TryParse(fields[14], out var childrenSystem)
            ? new Stat(text[(open + 1)..close], user, system, childrenUser, childrenSystem)
            : null;
    }

    static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process has exited, or /proc is not there.
            return null;
        }
    }

    sealed record Stat(string Name, long User, long System, long ChildrenUser, long ChildrenSystem);
}
