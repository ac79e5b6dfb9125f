using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CooperationPlatform.Gateway.Identity;

/// <summary>Admin endpoints for partner clients; each needs a token with <c>platform.admin</c>.</summary>
public static class PartnerClientsApi
{
    public static IEndpointRouteBuilder MapPartnerClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/admin/clients").WithTags("Partner access").RequireAuthorization(PlatformScopes.PlatformAdmin);

        clients.MapPost("/", RegisterAsync)
            .WithName("register-partner-client")
            .WithSummary("Registers a partner client and returns its secret, once.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapGet("/", ListAsync)
            .WithName("list-partner-clients")
            .WithSummary("Lists the registered partner clients and their scopes (never their secrets).");
        clients.MapGet("/{clientId}", GetAsync)
            .WithName("get-partner-client")
            .WithSummary("Gets one partner client.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{clientId}/secret", RotateSecretAsync)
            .WithName("rotate-partner-client-secret")
            .WithSummary("Issues a new secret; the old one stops working at once.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapDelete("/{clientId}", DeleteAsync)
            .WithName("delete-partner-client")
            .WithSummary("Removes a partner client; tokens it already holds expire on their own.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Created<PartnerClientCredentials>> RegisterAsync(PartnerClientRequest request, PartnerClients clients, CancellationToken cancellationToken)
    {
        var credentials = await clients.RegisterAsync(request, cancellationToken);
        return TypedResults.Created($"/admin/clients/{credentials.ClientId}", credentials);
    }

    private static async Task<Ok<IReadOnlyList<PartnerClientResponse>>> ListAsync(PartnerClients clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(await clients.ListAsync(cancellationToken));

    private static async Task<Results<Ok<PartnerClientResponse>, NotFound>> GetAsync(string clientId, PartnerClients clients, CancellationToken cancellationToken) =>
        await clients.FindAsync(clientId, cancellationToken) is { } client ? TypedResults.Ok(client) : TypedResults.NotFound();

    private static async Task<Ok<PartnerClientCredentials>> RotateSecretAsync(string clientId, PartnerClients clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(await clients.RotateSecretAsync(clientId, cancellationToken));

    private static async Task<NoContent> DeleteAsync(string clientId, PartnerClients clients, CancellationToken cancellationToken)
    {
        await clients.DeleteAsync(clientId, cancellationToken);
        return TypedResults.NoContent();
    }
}
