using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;

namespace CooperationPlatform.AppHost.Operations;

/// <summary>
/// Keeps the terminal readable: every resource's own log goes to the dashboard and to <c>.data/logs/{resource}.log</c>, not to the
/// console. The console hears only of a resource that stops on its own, with the last lines of its log.
/// </summary>
internal sealed class ResourceLogFiles(ResourceNotificationService notifications, ResourceLoggerService logs, PlatformOptions options,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    private const int TailLines = 15;
    private static readonly string[] StoppedStates = [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart];
    // Read and written by the one loop that watches the notifications.
    private readonly Dictionary<string, string?> _states = [];

    public static string Folder(PlatformOptions options) => Path.Combine(options.DataDirectory, "logs");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = Folder(options);
        Directory.CreateDirectory(folder);
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            var path = Path.Combine(folder, $"{update.Resource.Name}.log");
            var state = update.Snapshot.State?.Text;
            var seen = _states.TryGetValue(update.ResourceId, out var previous);
            _states[update.ResourceId] = state;
            if (!seen && update.Resource is ExecutableResource or ContainerResource)
            {
                File.WriteAllText(path, "");
                _ = CopyAsync(update.ResourceId, path, stoppingToken);
            }
            if (state != previous && StoppedStates.Contains(state) && previous is not null && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                ReportStopped(update.Resource.Name, state!, update.Snapshot.ExitCode, path);
            }
        }
    }

    private async Task CopyAsync(string resourceId, string path, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(cancellationToken))
            {
                await File.AppendAllLinesAsync(path, batch.Select(line => line.Content), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void ReportStopped(string name, string state, int? exitCode, string path)
    {
        var tail = File.Exists(path) ? File.ReadLines(path).TakeLast(TailLines) : [];
        Console.ForegroundColor = ConsoleColor.Red;
        Console.WriteLine($"✖ {name}: {state}{(exitCode is { } code ? $" (exit code {code})" : "")}. Last lines of {path}:");
        Console.ResetColor();
        foreach (var line in tail)
        {
            Console.WriteLine("    " + line);
        }
        Console.WriteLine("  The dashboard's Restart command brings it back.");
    }
}
