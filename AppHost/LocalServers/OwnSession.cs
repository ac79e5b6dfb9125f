namespace CooperationPlatform.AppHost.LocalServers;

/// <summary>
/// Every process the AppHost starts runs in a session of its own: its command is <c>setsid</c>, which execs the program in place
/// (DCP's children are not process-group leaders, so the process DCP watches is the program itself). Linux schedules each session
/// as one group (autogroup), sharing the cores between groups before threads, much as per-service cgroups do in a deployment.
/// Under one session, the whole platform would share what the AppHost alone gets: a start took seconds longer.
/// </summary>
public static class OwnSession
{
    public const string Command = "setsid";
}
