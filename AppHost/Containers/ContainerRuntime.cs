using System.Diagnostics;
using CooperationPlatform.AppHost.Hosting;

namespace CooperationPlatform.AppHost.Containers;

/// <summary>
/// Runs resources as podman containers on one network. Each container is a foreground <c>podman run --rm</c> wrapped in a
/// <see cref="ManagedProcess"/>, so logs, supervision and stopping (the signal is forwarded to the container) work as for processes.
/// Inside the network every resource is reachable by its name (a network alias); ports are also published on 127.0.0.1 as in
/// process mode, so the host probes readiness and reaches the gateway at the same addresses.
/// </summary>
public static class ContainerRuntime
{
    /// <summary>The port every service and the gateway listen on inside their container.</summary>
    public const int ServicePort = 8080;
    private const string Label = "cooperation-platform.network";
    private static readonly SemaphoreSlim NetworkGate = new(1, 1);

    /// <summary>The runtime that works on this machine's hybrid cgroups; <c>PODMAN_RUNTIME</c> chooses another.</summary>
    public static string OciRuntime => Environment.GetEnvironmentVariable("PODMAN_RUNTIME") is { Length: > 0 } runtime ? runtime : "runc";

    public static string ContainerName(HostContext context, string resource) => $"{context.Options.ContainerNetwork}-{resource}";

    public static string ServiceImage(HostContext context, string resource) => $"cooperation/{resource}:{context.Options.ContainerImageTag}";

    /// <summary>True when podman answers and every image the topology needs exists (what the end-to-end test checks before running).</summary>
    public static bool ImagesExist(IEnumerable<string> images, out string missing)
    {
        missing = "";
        foreach (var image in images)
        {
            try
            {
                if (RunQuiet(["image", "exists", image]) != 0)
                {
                    missing = $"the image {image} is missing (eng/containers/build-images.sh builds it)";
                    return false;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                missing = "podman is not installed";
                return false;
            }
        }
        return true;
    }

    /// <summary>Every image a topology needs in container mode.</summary>
    public static IEnumerable<string> RequiredImages(PlatformHostOptions options, IEnumerable<Resource> resources) =>
        resources.Select(resource => resource switch
        {
            PostgresServerResource => ServerImages.Postgres,
            RedisResource => ServerImages.Redis,
            RabbitMqResource => ServerImages.RabbitMq,
            _ => $"cooperation/{resource.Name}:{options.ContainerImageTag}",
        });

    /// <summary>
    /// Starts <paramref name="image"/> as the container of <paramref name="resource"/>. The environment is passed by name
    /// (<c>-e KEY</c>, values from podman's own environment) so that secrets never appear on a command line.
    /// </summary>
    public static async Task<ManagedProcess> RunAsync(HostContext context, string resource, string image, IReadOnlyDictionary<string, string?> environment,
        IEnumerable<(int Host, int Container)> ports, IEnumerable<string>? volumes = null, IEnumerable<string>? command = null, CancellationToken cancellationToken = default)
    {
        await EnsureNetworkAsync(context, cancellationToken);
        var name = ContainerName(context, resource);
        // A container left by an AppHost that was killed would hold the name.
        RunQuiet(["rm", "--force", "--time", "0", name]);
        List<string> arguments =
        [
            "--runtime", OciRuntime, "run", "--rm", "--name", name, "--hostname", resource,
            "--network", context.Options.ContainerNetwork, "--network-alias", resource, "--label", $"{Label}={context.Options.ContainerNetwork}",
            "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=32768:32768", "--stop-timeout", "10",
            // The AppHost probes readiness itself; podman's health-check timers need systemd, which containers here lack.
            "--no-healthcheck",
        ];
        foreach (var (host, container) in ports)
        {
            arguments.AddRange(["--publish", $"127.0.0.1:{host}:{container}"]);
        }
        foreach (var volume in volumes ?? [])
        {
            arguments.AddRange(["--volume", volume]);
        }
        foreach (var key in environment.Keys)
        {
            arguments.AddRange(["--env", key]);
        }
        arguments.Add(image);
        arguments.AddRange(command ?? []);
        return ManagedProcess.Start(resource, "podman", arguments, context, environment);
    }

    /// <summary>A named volume that keeps a server's data between runs; <c>--fresh</c> removes it first.</summary>
    public static string DataVolume(HostContext context, string resource, string mountPath)
    {
        var volume = $"{ContainerName(context, resource)}-data";
        if (context.Options.Fresh)
        {
            RunQuiet(["volume", "rm", "--force", volume]);
        }
        return $"{volume}:{mountPath}";
    }

    /// <summary>Removes every container and the network of a stack (after a crash of the AppHost, and by tests).</summary>
    public static void RemoveStack(string network)
    {
        RunQuiet(["rm", "--force", "--time", "0", "--filter", $"label={Label}={network}"]);
        RunQuiet(["network", "rm", "--force", network]);
    }

    private static async Task EnsureNetworkAsync(HostContext context, CancellationToken cancellationToken)
    {
        await NetworkGate.WaitAsync(cancellationToken);
        try
        {
            if (RunQuiet(["network", "exists", context.Options.ContainerNetwork]) != 0)
            {
                await ServerBinaries.RunToCompletionAsync("podman", ["network", "create", context.Options.ContainerNetwork], cancellationToken);
            }
        }
        finally
        {
            NetworkGate.Release();
        }
    }

    private static int RunQuiet(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
