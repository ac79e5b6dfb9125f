using CooperationPlatform.AppHost;

namespace CooperationPlatform.Deployment.Tests;

internal static class Repository
{
    public static readonly string Root = PlatformOptions.FindRepositoryRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
