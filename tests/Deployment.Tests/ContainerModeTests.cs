using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Diagnostics;
using CooperationPlatform.AppHost.Operations;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Deployment.Tests;

/// <summary>
/// The whole topology as podman containers under Aspire (what <c>dotnet run --project AppHost -- --containers</c> starts), from the
/// images eng/containers/build-images.sh builds, on free host ports, so it runs beside a developer's stack. Where podman or the
/// images are missing it is skipped, except in CI, which installs podman and builds the images so that container mode cannot rot.
/// </summary>
public sealed class ContainerModeTests
{
    [Fact]
    public async Task The_stack_runs_in_containers_a_write_reaches_analytics_and_everything_is_removed_after()
    {
        var missing = ContainerImages.PodmanAnswers() ? string.Join(", ", ContainerImages.Missing()) : "podman";
        var inCi = Environment.GetEnvironmentVariable("CI") == "true";
        Assert.True(missing.Length == 0 || !inCi, $"CI builds the images for container mode, yet these are missing: {missing}");
        Assert.SkipUnless(missing.Length == 0, $"Container mode needs podman and the images of eng/containers/build-images.sh; missing: {missing}");
        var cancellationToken = TestContext.Current.CancellationToken;
        var containersBefore = PlatformContainers();

        await using (var stack = await AppHostStack.StartAsync("containers", ["--containers"], cancellationToken))
        {
            Assert.NotEmpty(PlatformContainers().Except(containersBefore));
            try
            {
                await WriteReachesAnalyticsAsync(stack, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"{e.Message}{stack.LogTails()}", e);
            }
        }

        Assert.Empty(PlatformContainers().Except(containersBefore));
    }

    /// <summary>The ids of the containers podman has (running or not) of the platform's images.</summary>
    private static string[] PlatformContainers()
    {
        var start = new ProcessStartInfo("podman", ["ps", "--all", "--format", "{{.ID}} {{.Image}}"]) { RedirectStandardOutput = true };
        using var podman = Process.Start(start)!;
        var output = podman.StandardOutput.ReadToEnd();
        podman.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.Contains("cooperation/", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[0]).ToArray();
    }

    private static async Task WriteReachesAnalyticsAsync(AppHostStack stack, CancellationToken cancellationToken)
    {
        // Longer than the gateway's route timeout (30 s), so that a backend that does not answer shows as the gateway's 504.
        using var gateway = new HttpClient { BaseAddress = stack.Endpoint("gateway"), Timeout = TimeSpan.FromSeconds(45) };

        using (var health = await gateway.GetAsync("/health", cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // A token from the gateway in its container, validated by the services in theirs (discovery over the network).
        var partners = new PartnerAccess(gateway, stack.Secrets);
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
        await Eventually.ReturnsAsync(() => InstitutionsCountedByAnalyticsAsync(gateway, cancellationToken), after => after > before,
            "analytics counts the new institution", after => $"analytics still counts {after} institutions; before the write: {before}",
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500));
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
