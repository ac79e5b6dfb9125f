using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CooperationPlatform.Bench;

/// <summary>Sleeps to a <see cref="Stopwatch"/> timestamp within the kernel's timer slack (50 µs), not the millisecond of Thread.Sleep.</summary>
public static class PreciseSleep
{
    public static void Until(long timestamp)
    {
        while (Stopwatch.GetTimestamp() is var now && now < timestamp)
        {
            var nanoseconds = (long)((timestamp - now) * (1e9 / Stopwatch.Frequency));
            var request = new Timespec(nanoseconds / 1_000_000_000, nanoseconds % 1_000_000_000);
            _ = NanoSleep(in request, IntPtr.Zero);
        }
    }

    private readonly struct Timespec(long seconds, long nanoseconds)
    {
        public readonly long Seconds = seconds;
        public readonly long Nanoseconds = nanoseconds;
    }

    [DllImport("libc", EntryPoint = "nanosleep")]
    private static extern int NanoSleep(in Timespec request, IntPtr remaining);
}
