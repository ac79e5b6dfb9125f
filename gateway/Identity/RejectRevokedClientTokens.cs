using CooperationPlatform.ServiceDefaults.Security;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace CooperationPlatform.Gateway.Identity;

/// <summary>
/// The gateway's own endpoints validate tokens with OpenIddict, whose challenge answers 403 to a token it considers valid: a
/// revoked client's token is therefore rejected inside OpenIddict's validation, as invalid_token (401), right after the token itself.
/// </summary>
public sealed class RejectRevokedClientTokens(ClientRevocations revocations) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } = OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .UseSingletonHandler<RejectRevokedClientTokens>()
        .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 500)
        .SetType(OpenIddictValidationHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.AccessTokenPrincipal is { } principal && await revocations.IsRevokedAsync(principal))
        {
            context.Reject(error: Errors.InvalidToken,
                description: "The token's client has been deleted or its secret rotated since the token was issued.");
        }
    }
}
