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

/// <summary>
/// A port free right now, below the kernel's ephemeral range (32768 and up on Linux): a server starts seconds after its port
/// is chosen, and a port from the ephemeral range can meanwhile be taken by any outgoing connection on the machine.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;

    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException($"No free port between {First} and {Last} after 100 attempts.");
    }
}
