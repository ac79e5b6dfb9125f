namespace CooperationPlatform.Bench;

/// <summary>One measured case: a rate (0 = as fast as possible), what got through, and the latency distribution.</summary>
public sealed record BenchResult(
    string Scenario,
    string Case,
    double TargetRate,
    long Operations,
    long Errors,
    double Throughput,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    string? Note = null);
