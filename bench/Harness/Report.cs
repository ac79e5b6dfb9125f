using System.Text.Json;

namespace CooperationPlatform.Bench;

public static class Report
{
    public static void PrintTable(IReadOnlyList<BenchResult> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-12} {"case",-34} {"rate/s",8} {"ops",9} {"err",6} {"thru/s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Scenario,-12} {r.Case,-34} {(r.TargetRate == 0 ? "max" : r.TargetRate.ToString("0")),8} {r.Operations,9} {r.Errors,6} " +
                $"{r.Throughput,9:0} {r.P50Ms,8:0.00} {r.P99Ms,8:0.00} {r.MaxMs,8:0.00}{(r.Note is null ? "" : "  " + r.Note)}");
        }
        Console.WriteLine();
    }

    public static async Task<string> WriteJsonAsync(IReadOnlyList<BenchResult> results, string directory, string commandLine)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, new
        {
            command = commandLine,
            machine = new { Environment.ProcessorCount, os = Environment.OSVersion.ToString(), runtime = Environment.Version.ToString() },
            measuredAt = DateTimeOffset.UtcNow,
            results,
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        return path;
    }
}
