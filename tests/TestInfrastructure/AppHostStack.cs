using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CooperationPlatform.AppHost;
using CooperationPlatform.AppHost.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CooperationPlatform.Testing;

/// <summary>
/// The real AppHost under Aspire.Hosting.Testing, isolated so that it runs beside a developer's stack and other tests: free ports,
/// a temporary data folder, fsync off, no demo data. <c>--servers-only</c> gives PostgreSQL, Redis and RabbitMQ alone.
/// </summary>
public sealed class AppHostStack : IAsyncDisposable
{
    /// <summary>The gateway's requests per partner client per 60-second window in the tests' stacks.</summary>
    public const int ClientPermits = 200;

    /// <summary>The gateway's token requests per IP address per 60-second window: above what the tests ask of 127.0.0.1 at once.</summary>
    public const int TokenPermits = 400;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private AppHostStack(DistributedApplication app, string dataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
    }

    public DistributedApplication App { get; }
    public string DataDirectory { get; }
    public PlatformSecrets Secrets => PlatformSecrets.LoadOrCreate(DataDirectory);

    /// <summary>What the tests' services and gateway get on top of the AppHost's environment.</summary>
    public static readonly IReadOnlyDictionary<string, string> TestEnvironment = new Dictionary<string, string>
    {
        // Every test calls from 127.0.0.1: anonymous limits would couple them. Client limits stay low enough to test.
        ["Gateway__RateLimits__AnonymousPermits"] = "1000000",
        ["Gateway__RateLimits__ClientPermits"] = ClientPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway__RateLimits__TokenPermits"] = TokenPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway__Cors__Origins__0"] = "https://partner.example",
        // The tests stand in for an ingress: they may name the caller in X-Forwarded-For (requests without it are unchanged).
        ["Gateway__TrustedProxies__0"] = "127.0.0.1",
    };

    /// <param name="arguments">More of the AppHost's arguments, such as <c>--servers-only</c> or <c>--ConnectionStrings:postgres=...</c>.</param>
    /// <param name="serviceEnvironment">For every service and the gateway; <see cref="TestEnvironment"/> by default.</param>
    public static async Task<AppHostStack> StartAsync(string purpose, IEnumerable<string>? arguments = null, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? serviceEnvironment = null)
    {
        var dataDirectory = TestDirectories.Create(purpose);
        string[] args = ["--free-ports", "--ephemeral", "--no-demo", "--data", dataDirectory, .. arguments ?? []];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args, cancellationToken);
        // The resources' own logs are in the data folder's logs/ (LogTails), not forwarded to this process's console.
        builder.Services.AddLogging(logging => logging.AddFilter($"{typeof(PlatformOptions).Assembly.GetName().Name}.Resources", LogLevel.None));
        foreach (var service in builder.Resources.OfType<IPlatformService>().ToList())
        {
            var resource = builder.CreateResourceBuilder(service);
            foreach (var (key, value) in serviceEnvironment ?? TestEnvironment)
            {
                resource.WithEnvironment(key, value);
            }
        }
        var app = await builder.BuildAsync(cancellationToken);
        var stack = new AppHostStack(app, dataDirectory);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            await app.StartAsync(timeout.Token);
            await Task.WhenAll(builder.Resources.Where(resource => resource is ExecutableResource or ContainerResource or IResourceWithParent)
                .Select(resource => app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, timeout.Token)));
        }
        catch (Exception e)
        {
            var logs = stack.LogTails();
            await stack.DisposeAsync();
            throw new InvalidOperationException($"The AppHost did not start: {e.Message}{logs}", e);
        }
        return stack;
    }

    public Uri Endpoint(string resource) => App.GetEndpoint(resource, "http");

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string.");

    /// <summary>The process behind a resource, as the dashboard shows it.</summary>
    public async Task<int> ProcessIdAsync(string resource)
    {
        var running = await App.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text == KnownResourceStates.Running);
        return Convert.ToInt32(running.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a resource command as the dashboard's buttons do (start, stop, restart, or one of the AppHost's own).</summary>
    public async Task CommandAsync(string resource, string command, CancellationToken cancellationToken = default)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} on {resource} failed: {result.Message}");
        }
    }

    public Task WaitUntilHealthyAsync(string resource, CancellationToken cancellationToken = default) =>
        App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);

    /// <summary>The last lines of every resource's log (<c>.data/logs</c>), for a failure message.</summary>
    public string LogTails(int lines = 15)
    {
        var folder = Path.Combine(DataDirectory, "logs");
        return !System.IO.Directory.Exists(folder) ? "" : string.Concat(System.IO.Directory.GetFiles(folder, "*.log").Order().Select(file =>
            $"{Environment.NewLine}{Path.GetFileNameWithoutExtension(file)}:{Environment.NewLine}    " +
            string.Join(Environment.NewLine + "    ", File.ReadLines(file).TakeLast(lines))));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
            TestDirectories.Delete(DataDirectory);
        }
    }
}
