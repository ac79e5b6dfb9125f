namespace CooperationPlatform.AppHost.Demo;

/// <summary>
/// <c>dotnet run --project AppHost -- demo [--gateway URL] [--client-id ID --client-secret SECRET]</c>: loads the demo data into any
/// running installation through its gateway. Without credentials it uses the local development client from the data folder.
/// The AppHost also loads it by itself on a fresh data folder (<see cref="LoadOnFirstRunAsync"/>) and from the dashboard.
/// </summary>
public static class DemoCommand
{
    private const string LoadedMarker = "demo-data-loaded";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, PlatformOptions options)
    {
        var gateway = new Uri(Option(args, "--gateway") ?? $"http://localhost:{options.GatewayPort}");
        var clientId = Option(args, "--client-id") ?? PlatformSecrets.DevelopmentClientId;
        var clientSecret = Option(args, "--client-secret")
            ?? (clientId == PlatformSecrets.DevelopmentClientId ? PlatformSecrets.LoadOrCreate(options.DataDirectory).DevelopmentClientSecret : null);
        if (clientSecret is null)
        {
            Console.Error.WriteLine("Give --client-secret with --client-id: a partner client with the directory, portfolio and events write scopes.");
            return 2;
        }
        Console.WriteLine($"Loading the demo data into {gateway} as {clientId}...");
        try
        {
            var report = await DemoDataLoader.LoadAsync(gateway, clientId, clientSecret, Console.WriteLine);
            Console.WriteLine($"Demo data loaded: {report}.");
            return 0;
        }
        catch (Exception e) when (e is DemoDataException or HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"The demo data could not be loaded: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Loads the demo data after the first start on a data folder (a marker file remembers it), so that a newcomer sees content.
    /// </summary>
    public static async Task LoadOnFirstRunAsync(Uri gateway, PlatformOptions options, PlatformSecrets secrets, Action<string, ConsoleColor?> report)
    {
        var marker = Path.Combine(options.DataDirectory, LoadedMarker);
        if (File.Exists(marker))
        {
            return;
        }
        report("  Fresh data folder: loading the demo data (the source documents' institutions, projects and events) through the API; --no-demo skips it...", ConsoleColor.Yellow);
        try
        {
            var loaded = await DemoDataLoader.LoadAsync(gateway, PlatformSecrets.DevelopmentClientId, secrets.DevelopmentClientSecret, _ => { });
            await File.WriteAllTextAsync(marker, $"{DateTimeOffset.UtcNow:O} {loaded}{Environment.NewLine}");
            report($"  Demo data loaded: {loaded}.", ConsoleColor.Green);
        }
        catch (Exception e) when (e is DemoDataException or HttpRequestException or TaskCanceledException)
        {
            report($"  The demo data could not be loaded: {e.Message}", ConsoleColor.Red);
        }
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
    }
}
