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
    Console.WriteLine("Usage: dotnet run -c Release --project bench -- <scenario|all> [--duration SECONDS] [--target GATEWAY_URL]");
    foreach (var scenario in scenarios)
    {
        Console.WriteLine($"  {scenario.Name,-12} {scenario.Description}");
    }
    return 2;
}

await using var context = await BenchContext.StartAsync(options.Target, options.Duration, options.Configuration);
var results = new List<BenchResult>();
foreach (var scenario in scenarios.Where(s => options.Scenario == "all" || s.Name == options.Scenario))
{
    Console.WriteLine($"Running {scenario.Name}: {scenario.Description}");
    results.AddRange(await scenario.RunAsync(context, CancellationToken.None));
}
Report.PrintTable(results);
var json = await Report.WriteJsonAsync(results, Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results"), "bench " + string.Join(' ', args));
Console.WriteLine($"JSON: {Path.GetFullPath(json)}");
return 0;
