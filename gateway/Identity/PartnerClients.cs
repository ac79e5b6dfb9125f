using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CooperationPlatform.Gateway.Infrastructure;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CooperationPlatform.Gateway.Identity;

public sealed record PartnerClientRequest(string ClientId, string? DisplayName, IReadOnlyList<string>? Scopes);

public sealed record PartnerClientCredentials(string ClientId, string ClientSecret, IReadOnlyList<string> Scopes);

public sealed record PartnerClientResponse(string ClientId, string? DisplayName, IReadOnlyList<string> Scopes);

/// <summary>
/// Registers partner clients, rotates their secrets and deletes them. OpenIddict stores only a hash of each secret and checks it
/// on every token request, so a rotated secret stops working at once; rotating or deleting also revokes every token the client
/// holds (<see cref="ClientRevocations"/>). A deleted client's id is kept and never registered again. The admin API, the bootstrap
/// command and the development seed share it.
/// </summary>
public sealed partial class PartnerClients(IOpenIddictApplicationManager applications, GatewayDbContext db, ClientRevocations revocations, TimeProvider clock)
{
    public async Task<PartnerClientCredentials> RegisterAsync(PartnerClientRequest request, CancellationToken cancellationToken, string? secret = null)
    {
        Validate(request).ThrowIfAny();
        if (await WhyTakenAsync(request.ClientId, cancellationToken) is { } taken)
        {
            throw new ConflictException(taken);
        }
        var scopes = request.Scopes!.Distinct().ToList();
        secret ??= NewSecret();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = request.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.DisplayName ?? request.ClientId,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }
        await applications.CreateAsync(descriptor, cancellationToken);
        return new PartnerClientCredentials(request.ClientId, secret, scopes);
    }

    public async Task<PartnerClientCredentials> RotateSecretAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken) ?? throw new NotFoundException("Partner client", clientId);
        var secret = NewSecret();
        await applications.UpdateAsync(application, secret, cancellationToken);
        await revocations.RevokeAsync(clientId);
        return new PartnerClientCredentials(clientId, secret, await ScopesOfAsync(application, cancellationToken));
    }

    /// <summary>Why <paramref name="clientId"/> cannot be registered (a client has it, or had it), or null if it can.</summary>
    public async Task<string?> WhyTakenAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not null)
        {
            return $"A partner client '{clientId}' is already registered; rotate its secret instead.";
        }
        return await db.DeletedPartnerClients.AnyAsync(deleted => deleted.ClientId == clientId, cancellationToken)
            ? $"The partner client '{clientId}' was deleted, and a client id is never given out again: its records still name it. Choose another id."
            : null;
    }

    public async Task<IReadOnlyList<PartnerClientResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var clients = new List<PartnerClientResponse>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            clients.Add(await ToResponseAsync(application, cancellationToken));
        }
        return [.. clients.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    public async Task<PartnerClientResponse?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application ? await ToResponseAsync(application, cancellationToken) : null;

    public async Task DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken) ?? throw new NotFoundException("Partner client", clientId);
        // Revoked first, so that a Redis outage fails the request before anything changed (the admin can retry), and again
        // after, for a token issued in between.
        await revocations.RevokeAsync(clientId);
        // Saved by OpenIddict's store in the same SaveChanges as the deletion: the id is never free, not even for a moment.
        db.DeletedPartnerClients.Add(new DeletedPartnerClient(clientId, clock.GetUtcNow()));
        await applications.DeleteAsync(application, cancellationToken);
        await revocations.RevokeAsync(clientId);
    }

    public async Task<IReadOnlyList<string>> ScopesOfAsync(object application, CancellationToken cancellationToken) =>
        [.. (await applications.GetPermissionsAsync(application, cancellationToken))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])
            .Order(StringComparer.Ordinal)];

    private async Task<PartnerClientResponse> ToResponseAsync(object application, CancellationToken cancellationToken) =>
        new(await applications.GetClientIdAsync(application, cancellationToken) ?? "",
            await applications.GetDisplayNameAsync(application, cancellationToken),
            await ScopesOfAsync(application, cancellationToken));

    /// <summary>
    /// Every rule a new client breaks. A client names its scopes: none, or an empty list, is an error rather than a default, since
    /// an empty list once granted every scope but platform.admin.
    /// </summary>
    public static ValidationErrors Validate(PartnerClientRequest request)
    {
        var errors = new ValidationErrors()
            .Require(request.ClientId is not null && ClientIdPattern().IsMatch(request.ClientId), "clientId",
                "clientId must be 3 to 64 characters: lower-case letters, digits, '-', '_' or '.', starting with a letter or digit.")
            .Require(request.DisplayName is null || request.DisplayName.Length <= 200, "displayName", "displayName must be 200 characters or fewer.")
            .Require(request.Scopes is { Count: > 0 }, "scopes", $"scopes must name at least one scope. Scopes: {string.Join(", ", PlatformScopes.All)}.");
        var scopes = request.Scopes ?? [];
        for (var i = 0; i < scopes.Count; i++)
        {
            errors.Require(scopes[i] is not null && PlatformScopes.All.Contains(scopes[i]), $"scopes[{i}]", $"'{scopes[i]}' is not a scope. Scopes: {string.Join(", ", PlatformScopes.All)}.");
        }
        return errors;
    }

    /// <summary>256 bits from the OS's CSPRNG, URL-safe.</summary>
    private static string NewSecret() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex ClientIdPattern();
}
