using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using CooperationPlatform.AppHost.Demo;
using CooperationPlatform.AppHost.Services;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CooperationPlatform.AppHost.Operations;

/// <summary>
/// What operators do by hand (docs/operations.md), as commands in the dashboard: each calls the platform's own endpoints with an
/// administrator token of the development client, as an operator with curl would.
/// </summary>
public static class OperatorCommands
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    public static IResourceBuilder<IPlatformService> WithLoadDemoDataCommand(this IResourceBuilder<IPlatformService> gateway, PlatformSecrets secrets) =>
        gateway.WithCommand("load-demo-data", "Load demo data", async _ =>
        {
            var report = await DemoDataLoader.LoadAsync(new Uri(gateway.Resource.GetEndpoint("http").Url), PlatformSecrets.DevelopmentClientId,
                secrets.DevelopmentClientSecret, _ => { });
            return new ExecuteCommandResult { Success = true, Message = $"Demo data loaded: {report}." };
        }, Options("Loads the source documents' institutions, networks, projects and events through the API (idempotent).", "DatabaseArrowUp"));

    public static IResourceBuilder<IPlatformService> WithRebuildProjectionsCommand(this IResourceBuilder<IPlatformService> analytics,
        IResourceBuilder<IPlatformService> gateway, PlatformSecrets secrets) =>
        analytics.WithCommand("rebuild-projections", "Rebuild analytics", context =>
            CallAsAdminAsync(gateway, secrets, HttpMethod.Post, new Uri(new Uri(gateway.Resource.GetEndpoint("http").Url), "/api/analytics/v1/admin/rebuild"),
                content: null, context.CancellationToken),
            Options("Replaces the projections with what the source services' snapshots say.", "ArrowSync"));

    public static IResourceBuilder<IPlatformService> WithReplayErrorQueuesCommand(this IResourceBuilder<IPlatformService> service,
        IResourceBuilder<IPlatformService> gateway, PlatformSecrets secrets) =>
        service.WithCommand("replay-error-queues", "Replay error queues", context =>
            CallAsAdminAsync(gateway, secrets, HttpMethod.Post, new Uri(new Uri(service.Resource.GetEndpoint("http").Url), "/admin/messages/replay"),
                JsonContent.Create(new { queue = (string?)null, messageIds = (string[]?)null }), context.CancellationToken),
            Options("Moves every message of the service's _error queues back to its queue (safe to repeat: handlers are idempotent).", "ArrowReply"));

    private static async Task<ExecuteCommandResult> CallAsAdminAsync(IResourceBuilder<IPlatformService> gateway, PlatformSecrets secrets,
        HttpMethod method, Uri url, HttpContent? content, CancellationToken cancellationToken)
    {
        using var gatewayClient = new HttpClient { BaseAddress = new Uri(gateway.Resource.GetEndpoint("http").Url) };
        var token = await GatewayTokens.AccessTokenAsync(gatewayClient, PlatformSecrets.DevelopmentClientId, secrets.DevelopmentClientSecret,
            "platform.admin", cancellationToken);
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new ExecuteCommandResult { Success = response.IsSuccessStatusCode, Message = $"{(int)response.StatusCode}: {body}" };
    }

    private static CommandOptions Options(string description, string icon) => new()
    {
        Description = description,
        IconName = icon,
        UpdateState = context => context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
    };
}
