using CooperationPlatform.Gateway.Infrastructure;
using CooperationPlatform.ServiceDefaults.Data;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;

namespace CooperationPlatform.Gateway.Identity;

/// <summary>
/// One-off commands, run instead of the server. <c>dotnet Gateway.dll create-admin-client &lt;client-id&gt;</c> creates the first
/// admin client on a new installation and prints its secret. It needs only the gateway's database (<c>ConnectionStrings__gatewaydb</c>),
/// not the rest of the server's configuration, and migrates it first.
/// </summary>
public static class GatewayCommands
{
    public const string CreateAdminClient = "create-admin-client";

    public static bool IsCommand(string[] args) => args is [CreateAdminClient, ..];

    /// <summary>Runs the command and returns the process's exit code: 0 created, 1 not created (the reason on standard error), 2 usage.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [CreateAdminClient, var clientId])
        {
            await Console.Error.WriteLineAsync($"Usage: Gateway {CreateAdminClient} <client-id>");
            return 2;
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPartnerClientStore();
        using var host = builder.Build();
        await host.Services.GetServices<IHostedService>().OfType<DatabaseMigrator<GatewayDbContext>>().Single().StartAsync(CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        try
        {
            var credentials = await scope.ServiceProvider.GetRequiredService<PartnerClients>()
                .RegisterAsync(new PartnerClientRequest(clientId, "Platform administrator", [PlatformScopes.PlatformAdmin]), CancellationToken.None);
            Console.WriteLine($"client_id={credentials.ClientId}");
            Console.WriteLine($"client_secret={credentials.ClientSecret}");
            Console.WriteLine("Store the secret now: it is not shown again. Rotate it with POST /admin/clients/{clientId}/secret.");
            return 0;
        }
        catch (Exception e) when (e is ConflictException or RequestValidationException)
        {
            await Console.Error.WriteLineAsync(e is RequestValidationException invalid ? string.Join(" ", invalid.Errors.SelectMany(error => error.Value)) : e.Message);
            return 1;
        }
    }
}
