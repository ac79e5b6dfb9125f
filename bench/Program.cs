using System.Runtime.InteropServices;
using CooperationPlatform.Bench;
using CooperationPlatform.Bench.Scenarios;

IScenario[] scenarios =
[
    new GatewayOverheadScenario(),
    new MessagingScenario(),
    new AnalyticsScenario(),
    new EventsScenario(),
    new DirectoryScenario(),
    new PortfolioScenario(),
];

var options = BenchOptions.Parse(args, scenarios.Select(s => s.Name));
if (options is null)
{
    Console.WriteLine("Usage: dotnet run -c Release --project bench -- <scenario|all> [--duration SECONDS]");
    foreach (var scenario in scenarios)
    {
        Console.WriteLine($"  {scenario.Name,-12} {scenario.Description}");
    }
    return 2;
}

// Ctrl-C or SIGTERM ends the run but still stops the stack the benchmark started (the context is disposed on the way out).
using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
await using var context = await BenchContext.StartAsync(options.Duration, options.Configuration);
var results = new List<BenchResult>();
try
{
    foreach (var scenario in scenarios.Where(s => options.Scenario == "all" || s.Name == options.Scenario))
    {
        Console.WriteLine($"Running {scenario.Name}: {scenario.Description}");
        results.AddRange(await scenario.RunAsync(context, stop.Token).WaitAsync(stop.Token));
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("Interrupted: stopping the stack.");
    return 130;
}
Report.PrintTable(results);
var json = await Report.WriteJsonAsync(results, Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results"), "bench " + string.Join(' ', args));
Console.WriteLine($"JSON: {Path.GetFullPath(json)}");
return 0;
