using CooperationPlatform.ServiceDefaults.Security;
using OpenIddict.Abstractions;

namespace CooperationPlatform.Gateway.Identity;

/// <summary>
/// In Development only: makes sure the client named by <c>Gateway:DevelopmentClient:Id</c> exists with the secret the AppHost
/// printed (<c>Gateway:DevelopmentClient:Secret</c>) and every scope, so a developer can call the API at once.
/// </summary>
public sealed class DevelopmentClientSeeder(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration,
    ILogger<DevelopmentClientSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var secret = configuration["Gateway:DevelopmentClient:Secret"];
        if (!environment.IsDevelopment() || string.IsNullOrEmpty(secret))
        {
            return;
        }
        var clientId = configuration["Gateway:DevelopmentClient:Id"] ?? "dev-partner";
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, secret, cancellationToken);
        }
        else
        {
            await scope.ServiceProvider.GetRequiredService<PartnerClients>()
                .RegisterAsync(new PartnerClientRequest(clientId, "Development partner", PlatformScopes.All), cancellationToken, secret);
        }
        logger.LogInformation("Development client {ClientId} is ready", clientId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
