using CooperationPlatform.AppHost;
using CooperationPlatform.AppHost.Hosting;

namespace CooperationPlatform.Testing;

/// <summary>
/// The whole topology of <see cref="PlatformTopology"/> (servers, four services, gateway) on free ports in a temporary folder:
/// our equivalent of Aspire.Hosting.Testing. The test project must reference the service projects so that they are built.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = TestDirectories.Create("platform");

    public PlatformHost Host { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;
    public PartnerAccess Partners { get; private set; } = null!;
    public string DataDirectory => _dataDirectory;

    public async ValueTask InitializeAsync()
    {
        Host = PlatformTopology.Declare(TestDirectories.Options(_dataDirectory), gatewayPort: 0).Build();
        try
        {
            await Host.StartAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The platform did not start: {e.Message}{Environment.NewLine}{string.Join(Environment.NewLine, Host.Console.Reports)}", e);
        }
        Gateway = new HttpClient { BaseAddress = ServiceUrl("gateway"), Timeout = TimeSpan.FromSeconds(30) };
        Partners = new PartnerAccess(Gateway, PlatformSecrets.LoadOrCreate(_dataDirectory));
    }

    public Uri ServiceUrl(string resourceName) => Host.Get<ProjectResource>(resourceName).Url!;

    public string ConnectionString(string resourceName) =>
        Host.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == resourceName).ConnectionString;

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        TestDirectories.Delete(_dataDirectory);
    }
}
