using System.Diagnostics;

namespace CooperationPlatform.Bench;

/// <summary>
/// Starts a program in a session of its own (<c>setsid</c>): Linux schedules each session as one group (autogroup), sharing the
/// cores between groups before threads, much as per-service cgroups do in a deployment. nginx and wrk run so, as DCP runs each of
/// the platform's processes.
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
