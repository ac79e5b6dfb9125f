using System.Diagnostics;

namespace CooperationPlatform.Bench;

/// <summary>
/// Starts a program in a session of its own, as the AppHost starts every service. Linux schedules each session as one group
/// (autogroup) and shares the cores between groups before threads, much as per-service cgroups do in a deployment. A proxy that
/// shared the load generator's group would be scheduled differently from one in a group of its own, so every process a
/// benchmark compares gets its own.
/// </summary>
public static class OwnSession
{
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        // setsid execs the program in place (it is not a group leader here), so the process is the program itself.
        var start = new ProcessStartInfo("setsid");
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }
}
