using System.Runtime.InteropServices;

namespace CooperationPlatform.Bench;

/// <summary>Suspends a process (SIGSTOP) and resumes it (SIGCONT): a scenario gives the machine to the other processes meanwhile.</summary>
public static class ProcessSignals
{
    private const int SigStop = 19;
    private const int SigCont = 18;

    public static void Pause(int processId) => Signal(processId, SigStop);

    public static void Resume(int processId) => Signal(processId, SigCont);

    private static void Signal(int processId, int signal)
    {
        if (Kill(processId, signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
