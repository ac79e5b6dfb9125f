using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CooperationPlatform.AppHost.Hosting;

/// <summary>
/// A child process whose output goes, line by line, to the console with the resource's prefix and to a log file of its own.
/// An exit that nobody asked for is reported at once with the last lines of the log.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private const int TailLines = 20;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly HostConsole _console;
    private readonly string _name;
    private volatile bool _stopping;

    public event Action<ManagedProcess, int>? ExitedUnexpectedly;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string LogPath { get; }

    private ManagedProcess(string name, Process process, string logPath, HostConsole console)
    {
        _name = name;
        _process = process;
        _console = console;
        LogPath = logPath;
        _log = new StreamWriter(File.Open(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, HostContext context,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = OwnSession.StartInfo(fileName, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = workingDirectory ?? context.DataDirectory;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }
        System.IO.Directory.CreateDirectory(context.LogDirectory);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var managed = new ManagedProcess(name, process, Path.Combine(context.LogDirectory, name + ".log"), context.Console);
        process.OutputDataReceived += (_, e) => managed.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => managed.OnLine(e.Data);
        process.Exited += (_, _) => managed.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    public IReadOnlyList<string> Tail()
    {
        lock (_tail)
        {
            return [.. _tail];
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Asks the process to stop with <paramref name="signal"/>, then kills its whole tree if it has not stopped in time.</summary>
    public async Task StopAsync(PosixSignal signal = PosixSignal.SIGTERM, TimeSpan? grace = null)
    {
        _stopping = true;
        if (_process.HasExited)
        {
            return;
        }
        _ = Kill(_process.Id, signal switch
        {
            PosixSignal.SIGINT => SigInt,
            PosixSignal.SIGQUIT => SigQuit,
            _ => SigTerm,
        });
        using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Suspends the process (SIGSTOP) until <see cref="Resume"/>: a benchmark gives the machine to the other processes. In container
    /// mode this is the podman client, not the container.
    /// </summary>
    public void Pause() => Signal(SigStop);

    public void Resume() => Signal(SigCont);

    private void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"Signal {signal} to process {_process.Id} failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Kills without grace: what a crash looks like.</summary>
    public void KillNow() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
            _log.WriteLine(line);
        }
        _console.ResourceLine(_name, line);
    }

    private void OnExited()
    {
        if (_stopping)
        {
            return;
        }
        // Let the output readers drain so the tail holds the last words.
        _process.WaitForExit();
        ExitedUnexpectedly?.Invoke(this, _process.ExitCode);
    }

    private const int SigInt = 2;
    private const int SigQuit = 3;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
