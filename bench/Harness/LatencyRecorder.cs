namespace CooperationPlatform.Bench;

/// <summary>Collects latencies (thread-safe) and reports percentiles. Memory is one double per operation: fine for runs of minutes.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = [];
    private long _errors;

    public void Record(TimeSpan latency)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    public void RecordError() => Interlocked.Increment(ref _errors);

    public BenchResult ToResult(string scenario, string @case, double targetRate, TimeSpan elapsed, string? note = null)
    {
        double[] sorted;
        lock (_milliseconds)
        {
            sorted = [.. _milliseconds];
        }
        Array.Sort(sorted);
        return new BenchResult(scenario, @case, targetRate, sorted.Length, Interlocked.Read(ref _errors),
            sorted.Length / elapsed.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : sorted[^1], note);
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
