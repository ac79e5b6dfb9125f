using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CooperationPlatform.AppHost;
using CooperationPlatform.AppHost.Containers;
using CooperationPlatform.AppHost.Hosting;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Deployment.Tests;

/// <summary>
/// The whole topology in podman containers (what <c>dotnet run --project AppHost -- --containers</c> starts), on a network of its
/// own and free host ports, so it runs beside a developer's stack. Skipped where podman or the images are missing.
/// </summary>
public sealed class ContainerModeTests
{
    [Fact]
    public async Task The_stack_runs_in_containers_and_a_write_reaches_analytics()
    {
        var dataDirectory = TestDirectories.Create("containers");
        var options = TestDirectories.Options(dataDirectory) with
        {
            UseContainers = true,
            ContainerNetwork = $"cooperation-test-{Guid.NewGuid():N}"[..26],
            ExternalConnectionStrings = new Dictionary<string, string>(),
            // Generous: on two shared cores under load, RabbitMQ alone has taken over a minute to boot.
            StartTimeout = TimeSpan.FromMinutes(6),
        };
        var host = PlatformTopology.Declare(options, gatewayPort: 0).Build();
        Assert.SkipUnless(ContainerRuntime.ImagesExist(ContainerRuntime.RequiredImages(options, host.Resources), out var missing),
            $"Container mode needs podman and the images of eng/containers/build-images.sh: {missing}");
        var cancellationToken = TestContext.Current.CancellationToken;
        try
        {
            try
            {
                await host.StartAsync(cancellationToken);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"The stack did not start in containers: {e.Message}{Environment.NewLine}{string.Join(Environment.NewLine, host.Console.Reports)}" +
                    LogTails(host.Resources.Where(resource => resource.State != ResourceState.Running)), e);
            }
            TestContext.Current.SendDiagnosticMessage($"Containerized stack started in {host.StartDuration.TotalSeconds:0.0} s");
            try
            {
                await WriteReachesAnalyticsAsync(host, dataDirectory, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"{e.Message}{LogTails(host.Resources)}", e);
            }
        }
        finally
        {
            await host.StopAsync();
            ContainerRuntime.RemoveStack(options.ContainerNetwork);
            TestDirectories.Delete(dataDirectory);
        }
    }

    /// <summary>The last lines each resource wrote, for a failure message.</summary>
    private static string LogTails(IEnumerable<Resource> resources) => string.Concat(resources
        .Where(resource => resource.Process is not null)
        .Select(resource => $"{Environment.NewLine}{resource.Name}:{Environment.NewLine}    {string.Join(Environment.NewLine + "    ", resource.Process!.Tail())}"));

    private static async Task WriteReachesAnalyticsAsync(PlatformHost host, string dataDirectory, CancellationToken cancellationToken)
    {
        // Longer than the gateway's route timeout (30 s), so that a backend that does not answer shows as the gateway's 504.
        using var gateway = new HttpClient { BaseAddress = host.Get<ProjectResource>("gateway").Url, Timeout = TimeSpan.FromSeconds(45) };

        using (var health = await gateway.GetAsync("/health", cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // A token from the gateway in its container, validated by the services in theirs (discovery over the network).
        var partners = new PartnerAccess(gateway, PlatformSecrets.LoadOrCreate(dataDirectory));
        var token = await partners.TokenAsync(partners.DevelopmentClient, cancellationToken: cancellationToken);
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var before = await InstitutionsCountedByAnalyticsAsync(gateway, cancellationToken);

        var id = Guid.NewGuid();
        using (var created = await gateway.PostAsJsonAsync("/api/directory/v1/institutions",
            new { id, name = $"Container test centre {id:N}", type = "research-or-training-centre", country = "CHN" }, cancellationToken))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(cancellationToken)}");
        }

        // Directory's outbox → RabbitMQ → analytics' consumer → its projection, all in containers.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long after;
        while ((after = await InstitutionsCountedByAnalyticsAsync(gateway, cancellationToken)) <= before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, cancellationToken);
        }
        Assert.True(after > before, $"analytics still counts {after} institutions (before the write: {before})");
    }

    private static async Task<long> InstitutionsCountedByAnalyticsAsync(HttpClient gateway, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/analytics/v1/overview");
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        using var response = await gateway.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.GetProperty("institutions").GetInt64();
    }
}
