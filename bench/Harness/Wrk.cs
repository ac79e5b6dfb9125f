using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CooperationPlatform.Bench;

/// <summary>Runs <c>wrk</c> (Debian's package) with <c>--latency</c> and reads its throughput and percentiles.</summary>
public static partial class Wrk
{
    public static bool IsInstalled => File.Exists("/usr/bin/wrk");

    public static async Task<BenchResult> RunAsync(string scenario, string @case, Uri url, TimeSpan duration, int connections = 32, int threads = 1)
    {
        var start = OwnSession.StartInfo("wrk", ["-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)duration.TotalSeconds}s", "--latency", url.ToString()]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var requests = long.Parse(RequestsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = NonSuccessLine().Match(output) is { Success: true } non ? long.Parse(non.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new BenchResult(scenario, @case + $" (wrk -t{threads} -c{connections})", 0, requests, errors,
            double.Parse(ThroughputLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"), Percentile(output, "99%"), Max(output));
    }

    private static double Percentile(string output, string label) =>
        Milliseconds(Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline));

    private static double Max(string output) => Milliseconds(LatencyLine().Match(output), valueGroup: 3);

    private static double Milliseconds(Match match, int valueGroup = 1)
    {
        if (!match.Success)
        {
            return double.NaN;
        }
        var value = double.Parse(match.Groups[valueGroup].Value, CultureInfo.InvariantCulture);
        return match.Groups[valueGroup + 1].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex ThroughputLine();

    [GeneratedRegex(@"^\s*Latency\s+([\d.]+)(us|ms|s)\s+[\d.]+(?:us|ms|s)\s+([\d.]+)(us|ms|s)", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();
}
