using CooperationPlatform.AppHost.Hosting;

namespace CooperationPlatform.Deployment.Tests;

internal static class Repository
{
    public static readonly string Root = PlatformHostOptions.FindRepositoryRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
