using System.Net;
using System.Net.Sockets;

namespace CooperationPlatform.AppHost;

/// <summary>
/// How the AppHost runs, from its command line: <c>--fresh</c> wipes the data folder, <c>--no-demo</c> skips the demo data,
/// <c>--containers</c> runs every resource as a container. Tests and benchmarks add <c>--free-ports</c>, <c>--ephemeral</c>,
/// <c>--data DIR</c>, <c>--servers-only</c> and <c>--database-prefix P</c>. Anything else goes to Aspire's configuration.
/// </summary>
public sealed record PlatformOptions
{
    public const int DefaultGatewayPort = 8080;

    public required string RepositoryRoot { get; init; }

    /// <summary>Data, logs and secrets of a local run; kept between runs unless <see cref="Fresh"/>.</summary>
    public required string DataDirectory { get; init; }

    public bool Fresh { get; init; }
    public bool LoadDemo { get; init; } = true;
    public bool Containers { get; init; }

    /// <summary>Every port picked free at start (tests, benchmarks), so that several stacks run side by side.</summary>
    public bool FreePorts { get; init; }

    /// <summary>Trades durability for speed (fsync off): for throw-away data only.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>PostgreSQL, Redis and RabbitMQ only: the servers the per-service tests run on.</summary>
    public bool ServersOnly { get; init; }

    /// <summary>Put before every database name, so that several stacks can share one external PostgreSQL server (tests).</summary>
    public string DatabasePrefix { get; init; } = "";

    public int GatewayPort { get; init; } = DefaultGatewayPort;

    /// <summary>The arguments left for Aspire (<c>--Key=value</c> configuration).</summary>
    public string[] AspireArgs { get; init; } = [];

    public static PlatformOptions Parse(string[] args)
    {
        var repositoryRoot = FindRepositoryRoot();
        var rest = new List<string>();
        var options = new PlatformOptions
        {
            RepositoryRoot = repositoryRoot,
            DataDirectory = Path.Combine(repositoryRoot, ".data"),
            GatewayPort = int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_PORT"), out var port) ? port : DefaultGatewayPort,
        };
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--fresh" => options with { Fresh = true },
                "--no-demo" => options with { LoadDemo = false },
                "--containers" => options with { Containers = true },
                "--free-ports" => options with { FreePorts = true, GatewayPort = 0 },
                "--ephemeral" => options with { Ephemeral = true },
                "--servers-only" => options with { ServersOnly = true },
                "--data" when i + 1 < args.Length => options with { DataDirectory = Path.GetFullPath(args[++i]) },
                "--database-prefix" when i + 1 < args.Length => options with { DatabasePrefix = args[++i] },
                _ => Keep(options, rest, args[i]),
            };
        }
        return options with { AspireArgs = [.. rest] };
    }

    /// <summary>The port a resource listens on: its own in a developer's stack, a free one where stacks run side by side.</summary>
    public int Port(string resource, int preferred)
    {
        if (FreePorts || preferred == 0)
        {
            return FreePort.Next();
        }
        if (!FreePort.IsFree(preferred))
        {
            throw new PlatformStartException(
                $"Port {preferred} ({resource}) is already in use: is another stack running? Stop it, or find what listens there with `ss -ltnp 'sport = :{preferred}'`.");
        }
        return preferred;
    }

    public static string FindRepositoryRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CooperationPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CooperationPlatform.sln was not found above " + (start ?? AppContext.BaseDirectory));
    }

    private static PlatformOptions Keep(PlatformOptions options, List<string> rest, string argument)
    {
        rest.Add(argument);
        return options;
    }
}

/// <summary>A reason the platform cannot start that the user can act on: printed as it is, without a stack trace.</summary>
public sealed class PlatformStartException(string message) : Exception(message);

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
            if (IsFree(port))
            {
                return port;
            }
        }
        throw new InvalidOperationException($"No free port between {First} and {Last} after 100 attempts.");
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
