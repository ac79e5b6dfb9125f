using CooperationPlatform.AppHost.Hosting;

namespace CooperationPlatform.Testing;

public static class TestDirectories
{
    /// <summary>The gateway's requests per partner client per 60-second window in the tests' stack.</summary>
    public const int ClientPermits = 200;

    /// <summary>A fresh folder under /tmp for one fixture's servers; removed by <see cref="Delete"/>.</summary>
    public static string Create(string purpose) =>
        System.IO.Directory.CreateTempSubdirectory($"cooperation-{purpose}-").FullName;

    /// <summary>Options for servers that live only as long as the tests: free ports, no fsync, no build, quiet.</summary>
    public static PlatformHostOptions Options(string dataDirectory) => new()
    {
        RepositoryRoot = PlatformHostOptions.FindRepositoryRoot(),
        DataDirectory = dataDirectory,
        UseFreePorts = true,
        Ephemeral = true,
        SkipBuild = true,
        StreamLogs = false,
        Configuration = BuildConfiguration,
        ExternalConnectionStrings = PlatformHostOptions.ConnectionStringsFromEnvironment("postgres", "cache", "messaging"),
        ServiceEnvironment = new Dictionary<string, string>
        {
            // Every test calls from 127.0.0.1: anonymous limits would couple them. Client limits stay low enough to test.
            ["Gateway__RateLimits__AnonymousPermits"] = "1000000",
            ["Gateway__RateLimits__ClientPermits"] = ClientPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway__Cors__Origins__0"] = "https://partner.example",
            // The tests stand in for an ingress: they may name the caller in X-Forwarded-For (requests without it are unchanged).
            ["Gateway__TrustedProxies__0"] = "127.0.0.1",
        },
    };

    public static void Delete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be releasing a file; /tmp is cleaned anyway.
        }
    }

#if DEBUG
    public const string BuildConfiguration = "Debug";
#else
    public const string BuildConfiguration = "Release";
#endif
}
