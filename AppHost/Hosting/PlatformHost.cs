using System.Diagnostics;
using System.Runtime.InteropServices;
using CooperationPlatform.AppHost.Containers;

namespace CooperationPlatform.AppHost.Hosting;

/// <summary>
/// Starts the declared resources in waits-for order (independent ones together), reports any that dies,
/// and stops them all, services before the servers they use. Usable from a console (<see cref="RunAsync"/>) or from tests.
/// </summary>
public sealed class PlatformHost : IAsyncDisposable
{
    private readonly IReadOnlyList<Resource> _resources;
    private readonly List<Resource> _started = [];
    private readonly HostContext _context;
    private int _stopped;

    internal PlatformHost(PlatformHostOptions options, IReadOnlyList<Resource> resources)
    {
        Options = options;
        _resources = resources;
        Console = new HostConsole(options.StreamLogs);
        _context = new HostContext(options, Console, resources);
    }

    public PlatformHostOptions Options { get; }
    public HostConsole Console { get; }
    public IReadOnlyList<Resource> Resources => _resources;
    public TimeSpan StartDuration { get; private set; }

    public T Get<T>(string name) where T : Resource =>
        _resources.OfType<T>().SingleOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No {typeof(T).Name} named '{name}'.");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        PrepareDataDirectory();
        if (!Options.SkipBuild && !BuildOutputs.AreCurrent(Options.RepositoryRoot, Options.Configuration, _resources.OfType<ProjectResource>()))
        {
            await BuildAsync(cancellationToken);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.StartTimeout);

        var starts = new Dictionary<Resource, Task>();
        foreach (var resource in _resources)
        {
            starts[resource] = StartWhenReadyAsync(resource, starts, timeout.Token);
        }
        try
        {
            await Task.WhenAll(starts.Values);
        }
        catch
        {
            await StopAsync();
            throw;
        }
        StartDuration = clock.Elapsed;
    }

    /// <summary>Starts everything, prints the table, and runs until Ctrl-C or SIGTERM. Returns the process exit code.</summary>
    public async Task<int> RunAsync(Action<PlatformHost>? onStarted = null)
    {
        using var shutdown = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; shutdown.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; shutdown.Cancel(); });
        try
        {
            await StartAsync(shutdown.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !shutdown.IsCancellationRequested)
        {
            Console.Report($"The platform could not start: {e.Message}", ConsoleColor.Red);
            return 1;
        }
        PrintTable();
        onStarted?.Invoke(this);
        try
        {
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException)
        {
        }
        Console.Report("Stopping: services first, then infrastructure...", ConsoleColor.Yellow);
        await StopAsync();
        Console.Report("Stopped.", ConsoleColor.Yellow);
        return 0;
    }

    public void PrintTable()
    {
        Console.Report("");
        Console.Report($"  {"RESOURCE",-16}{"STATE",-10}URL");
        foreach (var resource in _resources.Where(r => r is not ProjectResource { Name: "gateway" }))
        {
            Console.Report($"  {resource.Name,-16}{resource.State,-10}{resource.DisplayUrl}");
        }
        if (_resources.OfType<ProjectResource>().FirstOrDefault(r => r.Name == "gateway") is { } gateway)
        {
            Console.Report($"  {gateway.Name,-16}{gateway.State,-10}{gateway.DisplayUrl}");
            Console.Report("");
            Console.Report($"  The platform's API: {gateway.DisplayUrl}  (started in {StartDuration.TotalSeconds:0.0} s)", ConsoleColor.Green);
        }
        Console.Report($"  Logs: {_context.LogDirectory}.  Ctrl-C stops everything.");
        Console.Report("");
    }

    /// <summary>Stops one resource and starts it again on the same address (a crashed service brought back, in tests and by hand).</summary>
    public async Task RestartAsync(Resource resource, CancellationToken cancellationToken = default)
    {
        await resource.StopAsync();
        resource.State = ResourceState.Starting;
        await resource.StartAsync(_context, cancellationToken);
        Supervise(resource);
        Console.Report($"✔ {resource.Name} restarted", ConsoleColor.DarkGreen);
    }

    /// <summary>Stops services first (they still flush to the servers), then the servers. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        Resource[] started;
        lock (_started)
        {
            started = [.. _started];
        }
        await Task.WhenAll(started.OfType<ProjectResource>().Select(StopResourceAsync));
        await Task.WhenAll(started.Where(r => r is not ProjectResource).Select(StopResourceAsync));
        if (Options.UseContainers)
        {
            // A server that ignores its stop signal outlives its podman client, which is killed after the grace period: remove
            // whatever container is left, so that nothing runs on after the AppHost (named data volumes are kept).
            ContainerRuntime.RemoveStack(Options.ContainerNetwork);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StopResourceAsync(Resource resource)
    {
        try
        {
            await resource.StopAsync();
        }
        finally
        {
            resource.State = ResourceState.Stopped;
        }
    }

    private async Task StartWhenReadyAsync(Resource resource, IReadOnlyDictionary<Resource, Task> starts, CancellationToken cancellationToken)
    {
        // Resources are declared after what they wait for, so their dependencies' tasks exist; yield to start side by side.
        await Task.Yield();
        await Task.WhenAll(resource.WaitsFor.Select(dependency => starts[dependency]));
        resource.State = ResourceState.Starting;
        lock (_started)
        {
            _started.Add(resource);
        }
        var clock = Stopwatch.StartNew();
        try
        {
            await resource.StartAsync(_context, cancellationToken);
        }
        catch (Exception e)
        {
            resource.State = ResourceState.Failed;
            Console.Report($"✖ {resource.Name} failed to start: {e.Message}", ConsoleColor.Red);
            throw;
        }
        Supervise(resource);
        Console.Report($"✔ {resource.Name} ready in {clock.Elapsed.TotalSeconds:0.0} s", ConsoleColor.DarkGreen);
    }

    private void Supervise(Resource resource)
    {
        resource.State = ResourceState.Running;
        if (resource.Process is { } process)
        {
            process.ExitedUnexpectedly += (_, exitCode) => ReportDeath(resource, exitCode);
            if (process.HasExited)
            {
                ReportDeath(resource, -1);
            }
        }
    }

    private void ReportDeath(Resource resource, int exitCode)
    {
        if (Volatile.Read(ref _stopped) == 1 || resource.State is ResourceState.Exited or ResourceState.Stopped)
        {
            return;
        }
        resource.State = ResourceState.Exited;
        var tail = resource.Process?.Tail() ?? [];
        Console.Report(
            $"✖ {resource.Name} exited unexpectedly (code {exitCode}). Last lines of {resource.Process?.LogPath}:{Environment.NewLine}" +
            string.Join(Environment.NewLine, tail.Select(line => "    " + line)),
            ConsoleColor.Red);
    }

    private void PrepareDataDirectory()
    {
        if (Options.Fresh && System.IO.Directory.Exists(Options.DataDirectory))
        {
            System.IO.Directory.Delete(Options.DataDirectory, recursive: true);
        }
        System.IO.Directory.CreateDirectory(Options.DataDirectory);
        if (ServerBinaries.IsRoot && !OperatingSystem.IsWindows())
        {
            // Servers that run as their own users (PostgreSQL) must be able to reach their folders.
            File.SetUnixFileMode(Options.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        Console.Report($"Building the services ({Options.Configuration})...");
        var filter = Path.Combine(Options.RepositoryRoot, "eng", "platform.slnf");
        await ServerBinaries.RunToCompletionAsync("dotnet", ["build", filter, "-c", Options.Configuration, "--nologo", "-v", "q"], cancellationToken);
    }
}
