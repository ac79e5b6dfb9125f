using System.Globalization;
using System.Runtime.InteropServices;

namespace CooperationPlatform.Bench;

/// <summary>CPU time from <c>/proc</c>: of named processes (each with its children, such as nginx's worker) and of the machine.</summary>
public sealed class CpuMeter(IReadOnlyDictionary<string, int> processes)
{
    private static readonly double SecondsPerTick = 1.0 / SysConf(ClockTicksName);

    public CpuSample Take()
    {
        var (busy, total) = MachineTicks();
        return new CpuSample(processes.ToDictionary(p => p.Key, p => TreeTicks(p.Value)), busy, total);
    }

    /// <summary>
    /// "gateway 44 µs, backend 40 µs, machine 97 µs, 96% busy": each process's CPU per request and the whole machine's (every
    /// core, every process and the kernel). When the machine is busy, throughput is the cores over the machine's figure.
    /// </summary>
    public static string PerRequest(CpuSample before, CpuSample after, long requests, IEnumerable<string> names)
    {
        string Microseconds(long ticks) => (ticks * SecondsPerTick * 1e6 / requests).ToString("0", CultureInfo.InvariantCulture) + " µs";
        var busyTicks = after.MachineBusyTicks - before.MachineBusyTicks;
        var totalTicks = after.MachineTotalTicks - before.MachineTotalTicks;
        var parts = names.Select(name => $"{name} {Microseconds(after.ProcessTicks[name] - before.ProcessTicks[name])}")
            .Append($"machine {Microseconds(busyTicks)}, {100.0 * busyTicks / totalTicks:0}% busy");
        return string.Join(", ", parts);
    }

    private static long TreeTicks(int pid) => ProcessTicks(pid) + Children(pid).Sum(TreeTicks);

    private static long ProcessTicks(int pid)
    {
        // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th of the whole line.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static IEnumerable<int> Children(int pid) =>
        System.IO.Directory.EnumerateDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(child => int.Parse(child, CultureInfo.InvariantCulture));

    private static (long Busy, long Total) MachineTicks()
    {
        // cpu  user nice system idle iowait irq softirq steal ...
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(value => long.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return (total - ticks[3] - ticks[4], total);
    }

    private const int ClockTicksName = 2; // _SC_CLK_TCK

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);
}

public sealed record CpuSample(IReadOnlyDictionary<string, long> ProcessTicks, long MachineBusyTicks, long MachineTotalTicks);
