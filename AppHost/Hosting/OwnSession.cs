using System.Diagnostics;

namespace CooperationPlatform.AppHost.Hosting;

/// <summary>
/// Starts a program in a session of its own (<c>setsid</c>). A terminal's Ctrl-C then reaches only the AppHost, which stops
/// everything in order. Linux also schedules each session as one group (autogroup), sharing the cores between groups before
/// threads, much as per-service cgroups do in a deployment; the benchmarks start nginx and wrk the same way, so that every process
/// they compare is scheduled alike.
/// </summary>
public static class OwnSession
{
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        // setsid execs the program in place (a child of .NET is not a group leader), so the process is the program itself.
        var start = new ProcessStartInfo("setsid");
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }
}
