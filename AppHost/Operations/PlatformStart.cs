using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Lifecycle;
using CooperationPlatform.AppHost.Containers;
using CooperationPlatform.AppHost.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.AppHost.Operations;

/// <summary>What happens before the topology is declared: the data folder, the servers' packages, the container runtime, the console.</summary>
public static class PlatformStart
{
    public static (IDistributedApplicationBuilder Builder, PlatformOptions Options) CreateBuilder(PlatformOptions options)
    {
        options = ChooseContainerRuntime(options);
        PrepareDataDirectory(options);
        var builder = DistributedApplication.CreateBuilder(options.AspireArgs);
        // The dashboard over plain HTTP on a developer's machine, as launchSettings.json sets it for `dotnet run`, so that the built
        // AppHost also starts without it. Settings, not the process's environment: the tests host the AppHost in their own process.
        SetDefault(builder, "ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true");
        SetDefault(builder, "ASPNETCORE_URLS", "http://localhost:18888");
        SetDefault(builder, "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "http://localhost:18889");
        if (options.Containers)
        {
            SetDefault(builder, "ASPIRE_CONTAINER_RUNTIME", "podman");
        }
        if (!options.Containers && !AllExternal(builder))
        {
            ServerPackages.EnsureInstalled(options.RepositoryRoot);
        }
        OrchestratorCertificate.Use(builder, options);
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<ResourceLogFiles>();
        builder.Services.TryAddEventingSubscriber<DashboardAfterPlatform>();
        return (builder, options);
    }

    private static void SetDefault(IDistributedApplicationBuilder builder, string key, string value) =>
        builder.Configuration[key] ??= value;

    private static bool AllExternal(IDistributedApplicationBuilder builder) =>
        new[] { "postgres", "cache", "messaging" }.All(name => !string.IsNullOrEmpty(builder.Configuration[$"ConnectionStrings:{name}"]));

    /// <summary>Container mode needs podman and the images; without podman the executables are used, and the AppHost says so.</summary>
    private static PlatformOptions ChooseContainerRuntime(PlatformOptions options)
    {
        if (!options.Containers)
        {
            return options;
        }
        if (!ContainerImages.PodmanAnswers())
        {
            Console.WriteLine("No container runtime found (podman): running the servers and services as processes instead. docs/containers.md says how to set podman up.");
            return options with { Containers = false };
        }
        var missing = ContainerImages.Missing().ToList();
        if (missing.Count > 0)
        {
            throw new PlatformStartException($"Container mode needs the platform's images, and these are missing: {string.Join(", ", missing)}. Build them with eng/containers/build-images.sh.");
        }
        if (options.Fresh)
        {
            ContainerImages.RemoveDataVolumes();
        }
        Console.WriteLine("Container mode: every server and service runs as a podman container of its locally built image.");
        return options;
    }

    private static void PrepareDataDirectory(PlatformOptions options)
    {
        if (options.Fresh && Directory.Exists(options.DataDirectory))
        {
            Directory.Delete(options.DataDirectory, recursive: true);
        }
        Directory.CreateDirectory(options.DataDirectory);
        if (ServerPackages.IsRoot && !OperatingSystem.IsWindows())
        {
            // Servers that run as their own users (PostgreSQL) must be able to reach their folders.
            File.SetUnixFileMode(options.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }
}

/// <summary>What container mode needs of podman, asked with its command line.</summary>
public static class ContainerImages
{
    public static readonly string[] Deployables = ["directory-api", "portfolio-api", "events-api", "analytics-api", "gateway", "web"];

    public static bool PodmanAnswers()
    {
        try
        {
            return Podman("version", "--format", "{{.Client.Version}}") == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static IEnumerable<string> Missing() =>
        PlatformContainerExtensions.ServerImages
            .Concat(Deployables.Select(name => $"cooperation/{name}:{PlatformContainerExtensions.ImageTag}"))
            .Where(image => Podman("image", "exists", image) != 0);

    public static void RemoveDataVolumes()
    {
        foreach (var server in new[] { "postgres", "messaging" })
        {
            Podman("volume", "rm", "--force", PlatformContainerExtensions.DataVolume(server));
        }
    }

    private static int Podman(params string[] arguments)
    {
        var start = new ProcessStartInfo("podman", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
