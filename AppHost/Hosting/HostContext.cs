namespace CooperationPlatform.AppHost.Hosting;

/// <summary>What every resource needs while it starts: where to keep data and logs, how to report and which ports are free.</summary>
public sealed class HostContext(PlatformHostOptions options, HostConsole console, IReadOnlyList<Resource>? resources = null)
{
    /// <summary>Every declared resource (container mode translates their addresses to the network's).</summary>
    public IReadOnlyList<Resource> Resources { get; } = resources ?? [];
    public PlatformHostOptions Options { get; } = options;
    public HostConsole Console { get; } = console;
    public string DataDirectory => Options.DataDirectory;
    public string LogDirectory => Path.Combine(Options.DataDirectory, "logs");

    public int Port(int preferred) => Options.UseFreePorts ? FreePort.Next() : preferred;
}

public static class FreePort
{
    public static int Next()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
