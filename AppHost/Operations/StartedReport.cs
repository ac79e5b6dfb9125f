using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using CooperationPlatform.AppHost.Demo;
using CooperationPlatform.AppHost.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CooperationPlatform.AppHost.Operations;

public static class StartedReport
{
    /// <summary>
    /// Once every service and the gateway are healthy, prints what a developer needs: the API, the dashboard with its login link,
    /// the development client, the logs, the start-up time; then loads the demo data on a fresh data folder.
    /// </summary>
    public static IResourceBuilder<IPlatformService> WithStartedReport(this IResourceBuilder<IPlatformService> gateway, PlatformOptions options,
        PlatformSecrets secrets)
    {
        gateway.ApplicationBuilder.Eventing.Subscribe<AfterResourcesCreatedEvent>((@event, cancellationToken) =>
        {
            var lifetime = @event.Services.GetRequiredService<IHostApplicationLifetime>();
            _ = Task.Run(() => ReportWhenHealthyAsync(@event, gateway.Resource, options, secrets, lifetime.ApplicationStopping));
            return Task.CompletedTask;
        });
        return gateway;
    }

    private static async Task ReportWhenHealthyAsync(AfterResourcesCreatedEvent @event, IPlatformService gateway, PlatformOptions options,
        PlatformSecrets secrets, CancellationToken cancellationToken)
    {
        var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
        try
        {
            await Task.WhenAll(@event.Model.Resources.OfType<IPlatformService>()
                .Select(service => notifications.WaitForResourceHealthyAsync(service.Name, cancellationToken)));
        }
        catch (Exception e) when (e is OperationCanceledException or DistributedApplicationException)
        {
            return;
        }
        var startedIn = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var api = gateway.GetEndpoint("http").Url;
        var configuration = @event.Services.GetRequiredService<IConfiguration>();

        Console.WriteLine();
        Write($"  The platform's API: {api}  (started in {startedIn.TotalSeconds:0.0} s)", ConsoleColor.Green);
        Write($"  The public portal: {api.TrimEnd('/')}/", ConsoleColor.Green);
        if (@event.Model.Resources.Any(resource => resource.Name == PlatformServiceExtensions.DashboardResourceName) && DashboardLogin(configuration) is { } dashboard)
        {
            Write($"  Dashboard (resources, logs, traces, metrics, commands): {dashboard}");
        }
        Write($"  Development client (every scope): {PlatformSecrets.DevelopmentClientId} / {secrets.DevelopmentClientSecret}", ConsoleColor.Green);
        Write($"  Get a token:  curl -s -u {PlatformSecrets.DevelopmentClientId}:{secrets.DevelopmentClientSecret} -d grant_type=client_credentials {api}{GatewayTokens.Path}");
        Write($"  Logs: {ResourceLogFiles.Folder(options)}.  Ctrl-C stops everything.");
        Console.WriteLine();
        if (options.LoadDemo)
        {
            await DemoCommand.LoadOnFirstRunAsync(new Uri(api), options, secrets, Write);
        }
    }

    private static string? DashboardLogin(IConfiguration configuration)
    {
        var url = configuration["ASPNETCORE_URLS"]?.Split(';')[0];
        return url is null ? null : configuration["AppHost:BrowserToken"] is { Length: > 0 } token ? $"{url.TrimEnd('/')}/login?t={token}" : url;
    }

    private static void Write(string line, ConsoleColor? color = null)
    {
        if (color is { } value)
        {
            Console.ForegroundColor = value;
        }
        Console.WriteLine(line);
        Console.ResetColor();
    }
}
