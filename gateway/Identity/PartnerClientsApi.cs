using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CooperationPlatform.Gateway.Identity;

/// <summary>Admin endpoints for partner clients; each needs a token with <c>platform.admin</c>.</summary>
public static class PartnerClientsApi
{
    public static IEndpointRouteBuilder MapPartnerClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/admin/clients").WithTags("Partner access").RequireAuthorization(PlatformScopes.PlatformAdmin);

        clients.MapPost("/", RegisterAsync)
            .WithName("register-partner-client")
            .WithSummary("Registers a partner client and returns its secret, once. A client id is never reused, not even a deleted client's.");
        clients.MapGet("/", ListAsync)
            .WithName("list-partner-clients")
            .WithSummary("Lists the registered partner clients and their scopes (never their secrets).");
        clients.MapGet("/{clientId}", GetAsync)
            .WithName("get-partner-client")
            .WithSummary("Gets one partner client.");
        clients.MapPost("/{clientId}/secret", RotateSecretAsync)
            .WithName("rotate-partner-client-secret")
            .WithSummary("Issues a new secret; the old one and every token issued until now stop working at once.");
        clients.MapDelete("/{clientId}", DeleteAsync)
            .WithName("delete-partner-client")
            .WithSummary("Removes a partner client; every token it holds stops working at once, and its id is never given out again.");
        return app;
    }

    private static async Task<Results<Created<PartnerClientCredentials>, BadRequestProblem, ConflictProblem>> RegisterAsync(
        PartnerClientRequest request, PartnerClients clients, HttpResponse response, CancellationToken cancellationToken)
    {
        if (PartnerClients.Validate(request) is { IsEmpty: false } errors)
        {
            return new BadRequestProblem(errors.ToDictionary());
        }
        if (await clients.WhyTakenAsync(request.ClientId, cancellationToken) is { } taken)
        {
            return new ConflictProblem(taken);
        }
        var credentials = await clients.RegisterAsync(request, cancellationToken);
        KeepOutOfCaches(response);
        return TypedResults.Created($"/admin/clients/{credentials.ClientId}", credentials);
    }

    private static async Task<Ok<IReadOnlyList<PartnerClientResponse>>> ListAsync(PartnerClients clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(await clients.ListAsync(cancellationToken));

    private static async Task<Results<Ok<PartnerClientResponse>, NotFoundProblem>> GetAsync(string clientId, PartnerClients clients, CancellationToken cancellationToken) =>
        await clients.FindAsync(clientId, cancellationToken) is { } client ? TypedResults.Ok(client) : new NotFoundProblem("Partner client", clientId);

    private static async Task<Results<Ok<PartnerClientCredentials>, NotFoundProblem>> RotateSecretAsync(string clientId, PartnerClients clients,
        HttpResponse response, CancellationToken cancellationToken)
    {
        if (await clients.FindAsync(clientId, cancellationToken) is null)
        {
            return new NotFoundProblem("Partner client", clientId);
        }
        var credentials = await clients.RotateSecretAsync(clientId, cancellationToken);
        KeepOutOfCaches(response);
        return TypedResults.Ok(credentials);
    }

    private static async Task<Results<NoContent, NotFoundProblem>> DeleteAsync(string clientId, PartnerClients clients, CancellationToken cancellationToken)
    {
        if (await clients.FindAsync(clientId, cancellationToken) is null)
        {
            return new NotFoundProblem("Partner client", clientId);
        }
        await clients.DeleteAsync(clientId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>An answer that carries a secret may not be stored by any cache on the way (RFC 9111, section 5.2.2.5).</summary>
    private static void KeepOutOfCaches(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers[HeaderNames.Pragma] = "no-cache";
    }
}
