using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CooperationPlatform.Gateway.Identity;

public sealed record PartnerClientRequest(string ClientId, string? DisplayName, IReadOnlyList<string>? Scopes);

public sealed record PartnerClientCredentials(string ClientId, string ClientSecret, IReadOnlyList<string> Scopes);

public sealed record PartnerClientResponse(string ClientId, string? DisplayName, IReadOnlyList<string> Scopes);

/// <summary>
/// Registers partner clients and rotates their secrets. OpenIddict stores only a hash of each secret and checks it on every
/// token request, so a rotated secret stops working at once. The admin API, the bootstrap command and the development seed share it.
/// </summary>
public sealed partial class PartnerClients(IOpenIddictApplicationManager applications)
{
    public async Task<PartnerClientCredentials> RegisterAsync(PartnerClientRequest request, CancellationToken cancellationToken, string? secret = null)
    {
        var scopes = Validate(request);
        if (await applications.FindByClientIdAsync(request.ClientId, cancellationToken) is not null)
        {
            throw new ConflictException($"A partner client '{request.ClientId}' is already registered; rotate its secret instead.");
        }
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
        return new PartnerClientCredentials(clientId, secret, await ScopesOfAsync(application, cancellationToken));
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
        await applications.DeleteAsync(application, cancellationToken);
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

    private static IReadOnlyList<string> Validate(PartnerClientRequest request)
    {
        var scopes = request.Scopes is { Count: > 0 } requested ? requested.Distinct().ToList() : [.. PlatformScopes.All.Where(s => s != PlatformScopes.PlatformAdmin)];
        var errors = new ValidationErrors()
            .Require(request.ClientId is not null && ClientIdPattern().IsMatch(request.ClientId), "clientId",
                "clientId must be 3 to 64 characters: lower-case letters, digits, '-', '_' or '.', starting with a letter or digit.")
            .Require(request.DisplayName is null || request.DisplayName.Length <= 200, "displayName", "displayName must be 200 characters or fewer.");
        for (var i = 0; i < scopes.Count; i++)
        {
            errors.Require(PlatformScopes.All.Contains(scopes[i]), $"scopes[{i}]", $"'{scopes[i]}' is not a scope. Scopes: {string.Join(", ", PlatformScopes.All)}.");
        }
        errors.ThrowIfAny();
        return scopes;
    }

    /// <summary>256 bits from the OS's CSPRNG, URL-safe.</summary>
    private static string NewSecret() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex ClientIdPattern();
}
