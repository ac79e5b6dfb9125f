using System.Diagnostics;

namespace CooperationPlatform.AppHost.LocalServers;

/// <summary>Finds the machine's PostgreSQL, Redis and RabbitMQ binaries, installing Debian's packages when it may (as root with apt-get).</summary>
public static class ServerPackages
{
    public static readonly string[] DebianPackages = ["postgresql", "redis-server", "rabbitmq-server"];

    public static bool IsRoot => Environment.IsPrivilegedProcess;

    public static string? PostgresBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var version) ? version : 0)
                .FirstOrDefault()
            : FindOnPath("postgres") is { } postgres ? Path.GetDirectoryName(postgres) : null;

    public static string? RedisServer() => FindOnPath("redis-server");

    /// <summary>The upstream start script, not Debian's wrapper in /usr/sbin, which switches to the rabbitmq user.</summary>
    public static string? RabbitMqBinDirectory() =>
        File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server") ? "/usr/lib/rabbitmq/bin"
        : FindOnPath("rabbitmq-server") is { } server ? Path.GetDirectoryName(server) : null;

    public static string? Epmd() => FindOnPath("epmd") ?? (File.Exists("/usr/lib/erlang/bin/epmd") ? "/usr/lib/erlang/bin/epmd" : null);

    private static bool AllPresent() => PostgresBinDirectory() is not null && RedisServer() is not null && RabbitMqBinDirectory() is not null && Epmd() is not null;

    /// <summary>
    /// Installs the servers with the repository's shared script (the one CI runs) where that is possible; otherwise fails with the
    /// packages to install. Runs before anything is declared, since the resources name the binaries.
    /// </summary>
    public static void EnsureInstalled(string repositoryRoot)
    {
        if (AllPresent())
        {
            return;
        }
        if (!IsRoot || !File.Exists("/usr/bin/apt-get"))
        {
            throw new PlatformStartException(
                $"PostgreSQL, Redis or RabbitMQ is missing. Install the packages: apt-get install {string.Join(' ', DebianPackages)} " +
                "(or give ConnectionStrings__postgres, ConnectionStrings__cache and ConnectionStrings__messaging for existing servers).");
        }
        Console.WriteLine($"Installing {string.Join(", ", DebianPackages)} with apt-get (one time, about a minute)...");
        var script = Path.Combine(repositoryRoot, "eng", "install-servers.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", [script]) { UseShellExecute = false })!;
        install.WaitForExit();
        if (install.ExitCode != 0 || !AllPresent())
        {
            throw new PlatformStartException($"{script} failed (exit code {install.ExitCode}).");
        }
    }

    public static async Task RunToCompletionAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/bin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

