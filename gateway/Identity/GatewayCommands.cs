using CooperationPlatform.Gateway.Infrastructure;
using CooperationPlatform.ServiceDefaults.Data;
using CooperationPlatform.ServiceDefaults.Security;

namespace CooperationPlatform.Gateway.Identity;

/// <summary>
/// One-off commands run instead of the server:
/// <c>dotnet Gateway.dll create-admin-client &lt;client-id&gt;</c> creates the first admin client on a new installation and prints its secret.
/// </summary>
public static class GatewayCommands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args is not ["create-admin-client", var clientId, ..])
        {
            return false;
        }
        await app.Services.GetServices<IHostedService>().OfType<DatabaseMigrator<GatewayDbContext>>().Single().StartAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var credentials = await scope.ServiceProvider.GetRequiredService<PartnerClients>()
            .RegisterAsync(new PartnerClientRequest(clientId, "Platform administrator", [PlatformScopes.PlatformAdmin]), CancellationToken.None);
        Console.WriteLine($"client_id={credentials.ClientId}");
        Console.WriteLine($"client_secret={credentials.ClientSecret}");
        Console.WriteLine("Store the secret now: it is not shown again. Rotate it with POST /admin/clients/{clientId}/secret.");
        return true;
    }
}
