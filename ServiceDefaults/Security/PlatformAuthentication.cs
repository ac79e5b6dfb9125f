using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CooperationPlatform.ServiceDefaults.Security;

/// <summary>
/// Services validate the gateway's access tokens themselves, so a request that bypasses the gateway is refused too.
/// Configuration (section <c>Authentication</c>):
/// <list type="bullet">
/// <item><c>Authority</c>: the gateway's base URL, the tokens' issuer; keys come from its discovery document.</item>
/// <item><c>Audience</c>: this service's audience ("directory", ...); by default the application name without ".Api".</item>
/// <item><c>SigningKey</c> and <c>Issuer</c>: a symmetric key (base64) and issuer instead of discovery, for tests only.</item>
/// </list>
/// Without any of them every protected endpoint answers 401: secure by default.
/// </summary>
public static class PlatformAuthentication
{
    public static TBuilder AddPlatformAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var section = builder.Configuration.GetSection("Authentication");
        var audience = section["Audience"] ?? builder.Environment.ApplicationName.Replace(".Api", "", StringComparison.OrdinalIgnoreCase).ToLowerInvariant();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.Audience = audience;
            options.TokenValidationParameters.ValidAudience = audience;
            options.TokenValidationParameters.NameClaimType = "client_id";
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            if (section["SigningKey"] is { Length: > 0 } key)
            {
                options.TokenValidationParameters.ValidIssuer = section["Issuer"];
                options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(key));
            }
            else if (section["Authority"] is { Length: > 0 } authority)
            {
                options.Authority = authority;
                options.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                // Keys rotate at the gateway: refresh them hourly, and at once (rate-limited) when a token names an unknown key.
                options.AutomaticRefreshInterval = TimeSpan.FromHours(1);
                options.RefreshInterval = TimeSpan.FromSeconds(30);
            }
        });

        // Revoked clients' tokens are refused on every host (CredentialedAuthenticationMiddleware); a host without Redis (a test's) checks nothing.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(provider => new ClientRevocations(provider.GetService<IConnectionMultiplexer>(),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ClientRevocations>>()));

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in PlatformScopes.All)
        {
            // No scheme is pinned: services authenticate with JwtBearer, the gateway with its own token server's validation.
            authorization.AddPolicy(scope, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(scope) || context.User.IsPlatformAdmin()));
        }
        return builder;
    }
}
