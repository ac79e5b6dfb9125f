using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using CooperationPlatform.AppHost;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Deployment.Tests;

/// <summary>The AppHost as a developer runs it: its own executable, stopped by a signal.</summary>
public sealed partial class AppHostStartTests
{
    [Fact]
    public void A_port_already_taken_stops_the_start_with_a_message_naming_it()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var options = new PlatformOptions { RepositoryRoot = Repository.Root, DataDirectory = Path.GetTempPath() };

        var refused = Assert.Throws<PlatformStartException>(() => options.Port("gateway", port));

        Assert.Contains($"Port {port} (gateway) is already in use", refused.Message);
    }

    [Fact]
    public async Task Sigterm_stops_every_process_the_AppHost_started_and_leaves_nothing_listening()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var appHost = await RunningAppHost.StartAsync("sigterm", ApiLine(), cancellationToken);
        var gateway = new Uri(appHost.ReadyLine.Groups["url"].Value);
        var started = ProcessTree.Of(appHost.Process.Id);
        Assert.True(started.Count >= 9, $"only {started.Count} processes under the AppHost");

        Assert.Equal(0, Kill(appHost.Process.Id, 15));
        await appHost.Process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);

        await Eventually.ReturnsAsync(() => Task.FromResult(started.Where(ProcessTree.IsAlive).Select(ProcessTree.Describe).ToList()), alive => alive.Count == 0,
            "every process the AppHost started has exited", alive => "still running: " + string.Join("; ", alive),
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        Assert.True(FreePort.IsFree(gateway.Port), $"something still listens on the gateway's port {gateway.Port}");
    }

    [Fact]
    public async Task DCP_serves_its_API_with_the_certificate_the_AppHost_made_instead_of_generating_a_key()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var appHost = await RunningAppHost.StartAsync("orchestrator-certificate", ServersStartedLine(), cancellationToken, "--servers-only");

        var apiServers = ProcessTree.Of(appHost.Process.Id).Select(ProcessTree.Describe).Where(process => process.Contains(" start-apiserver ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(apiServers);
        var certificate = Path.Combine(appHost.DataDirectory, "orchestrator", "apiserver.crt");
        Assert.All(apiServers, process => Assert.Contains($"--tls-cert-file {certificate} ", process));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(certificate, cancellationToken));
    }

    /// <summary>The AppHost's own executable on free ports and a data folder of its own, up once it has printed a line.</summary>
    private sealed class RunningAppHost : IAsyncDisposable
    {
        private RunningAppHost(Process process, string dataDirectory, Match readyLine) =>
            (Process, DataDirectory, ReadyLine) = (process, dataDirectory, readyLine);

        public Process Process { get; }
        public string DataDirectory { get; }
        public Match ReadyLine { get; }

        public static async Task<RunningAppHost> StartAsync(string name, Regex ready, CancellationToken cancellationToken, params string[] arguments)
        {
            var dataDirectory = TestDirectories.Create(name);
            var start = new ProcessStartInfo("dotnet", [AppHostAssembly(), "--free-ports", "--ephemeral", "--no-demo", "--data", dataDirectory, .. arguments])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment =
                {
                    ["ASPNETCORE_URLS"] = $"http://localhost:{FreePort.Next()}",
                    ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}",
                },
            };
            var process = Process.Start(start)!;
            var output = new List<string>();
            var readyLine = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
            void Read(object _, DataReceivedEventArgs line)
            {
                lock (output)
                {
                    output.Add(line.Data ?? "");
                }
                if (line.Data is { } text && ready.Match(text) is { Success: true } match)
                {
                    readyLine.TrySetResult(match);
                }
            }
            process.OutputDataReceived += Read;
            process.ErrorDataReceived += Read;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var appHost = new RunningAppHost(process, dataDirectory, Match.Empty);
            try
            {
                return new RunningAppHost(process, dataDirectory, await readyLine.Task.WaitAsync(TimeSpan.FromMinutes(3), cancellationToken));
            }
            catch (TimeoutException)
            {
                await appHost.DisposeAsync();
                lock (output)
                {
                    throw new InvalidOperationException($"The AppHost did not print '{ready}':{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                // As a developer stops it, so that the AppHost stops what it started; killed if it does not.
                Kill(Process.Id, 15);
                try
                {
                    await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                }
                catch (TimeoutException)
                {
                    Process.Kill(entireProcessTree: true);
                }
            }
            Process.Dispose();
            TestDirectories.Delete(DataDirectory);
        }
    }

    private static string AppHostAssembly()
    {
        // This assembly is in bin/{configuration}/net10.0/, built in the same configuration as the AppHost it references.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')))!;
        var assembly = Path.Combine(Repository.Root, "AppHost", "bin", configuration, "net10.0", "CooperationPlatform.AppHost.dll");
        return File.Exists(assembly) ? assembly : throw new FileNotFoundException("Build the AppHost first.", assembly);
    }

    [GeneratedRegex(@"The platform's API: (?<url>http://\S+)")]
    private static partial Regex ApiLine();

    [GeneratedRegex("Distributed application started")]
    private static partial Regex ServersStartedLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>
    /// The processes an AppHost started: its descendants, and those of Aspire's orchestrator (DCP), which detaches from the AppHost
    /// but watches it (<c>--monitor PID</c>).
    /// </summary>
    private static class ProcessTree
    {
        public static List<int> Of(int appHost)
        {
            var parents = Directory.GetDirectories("/proc").Select(dir => int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0)
                .Where(pid => pid > 0).Select(pid => (Pid: pid, Parent: ParentOf(pid))).Where(p => p.Parent > 0).ToList();
            var roots = parents.Where(p => CommandLine(p.Pid).Contains($"--monitor {appHost} ", StringComparison.Ordinal) || p.Parent == appHost)
                .Select(p => p.Pid).Append(appHost).ToHashSet();
            var tree = new HashSet<int>(roots);
            for (var grown = true; grown;)
            {
                grown = false;
                foreach (var (pid, parent) in parents)
                {
                    grown |= tree.Contains(parent) && tree.Add(pid);
                }
            }
            tree.Remove(appHost);
            return [.. tree];
        }

        public static bool IsAlive(int pid) =>
            File.Exists($"/proc/{pid}/stat") && ReadStat(pid) is { Length: > 2 } stat && stat[2] != "Z";

        public static string Describe(int pid) => $"{pid} {CommandLine(pid)}";

        private static int ParentOf(int pid) => ReadStat(pid) is { Length: > 3 } stat && int.TryParse(stat[3], out var parent) ? parent : 0;

        private static string[]? ReadStat(int pid)
        {
            try
            {
                // The command name in parentheses may hold spaces: the fields that follow are read after its closing parenthesis.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                return [.. stat[..stat.IndexOf(' ')].Split(' '), "", .. stat[(stat.LastIndexOf(')') + 2)..].Split(' ')];
            }
            catch (IOException)
            {
                return null;
            }
        }

        private static string CommandLine(int pid)
        {
            try
            {
                return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            }
            catch (IOException)
            {
                return "";
            }
        }
    }
}
