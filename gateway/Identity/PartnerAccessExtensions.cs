using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CooperationPlatform.Gateway.Infrastructure;
using CooperationPlatform.ServiceDefaults.Data;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Validation.AspNetCore;

namespace CooperationPlatform.Gateway.Identity;

public static class PartnerAccessExtensions
{
    /// <summary>
    /// The OAuth 2.0 token server for partner clients (OpenIddict, clients in <c>gatewaydb</c>), and validation of its tokens
    /// at the gateway itself. Configuration, section <c>Gateway</c>:
    /// <c>Issuer</c> (the public base URL; services use it as their authority), <c>SigningKey</c> (base64 PKCS#8 RSA key, shared by
    /// every gateway instance), <c>RequireHttps</c>, <c>AccessTokenMinutes</c>.
    /// </summary>
    public static IHostApplicationBuilder AddPartnerAccess(this IHostApplicationBuilder builder)
    {
        var gateway = builder.Configuration.GetSection("Gateway");
        builder.AddPartnerClientStore()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.RegisterScopes([.. PlatformScopes.All]);
                // The token endpoint checks the scopes a client holds itself, to answer invalid_scope (RFC 6749) where OpenIddict says invalid_request.
                server.IgnoreScopePermissions();
                // Plain signed JWTs, so every service validates them with standard JwtBearer and the gateway's published keys.
                server.DisableAccessTokenEncryption();
                // Short-lived self-contained tokens: nothing to store per token.
                server.DisableTokenStorage();
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(gateway.GetValue("AccessTokenMinutes", 30)));
                if (gateway["Issuer"] is { Length: > 0 } issuer)
                {
                    server.SetIssuer(new Uri(issuer));
                }
                if (gateway["SigningKey"] is { Length: > 0 } key)
                {
                    server.AddSigningKey(SigningKey(key));
                }
                else if (builder.Environment.IsDevelopment())
                {
                    server.AddEphemeralSigningKey();
                }
                else
                {
                    throw new InvalidOperationException("Gateway:SigningKey is not set. Give every gateway instance the same RSA key (base64 PKCS#8), e.g. from a Kubernetes Secret.");
                }
                // Required by OpenIddict, though client-credentials tokens are signed, not encrypted.
                server.AddEphemeralEncryptionKey();
                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!gateway.GetValue("RequireHttps", false))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
                validation.AddAudiences(TokenEndpoint.GatewayAudience);
                validation.AddEventHandler(RejectRevokedClientTokens.Descriptor);
            });
        builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            options.DefaultAuthenticateScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            options.DefaultForbidScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        });
        // The token endpoint and the discovery documents are answered by OpenIddict's own handler, without credentials.
        builder.Services.Configure<AuthenticationHandlerPaths>(paths => paths.Prefixes.AddRange([TokenEndpoint.Path, "/.well-known"]));
        builder.Services.AddHostedService<DevelopmentClientSeeder>();
        return builder;
    }

    /// <summary>
    /// The discovery documents name their URLs from the request's scheme and host, which a caller chooses (<c>Host</c>); the
    /// issuer's are the only ones the gateway answers for, so a request for them is seen as made to the issuer.
    /// </summary>
    public static WebApplication UseConfiguredIssuer(this WebApplication app)
    {
        if (app.Configuration["Gateway:Issuer"] is not { Length: > 0 } configured)
        {
            return app;
        }
        var issuer = new Uri(configured);
        var pathBase = new PathString(issuer.AbsolutePath.TrimEnd('/'));
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/.well-known"))
            {
                context.Request.Scheme = issuer.Scheme;
                context.Request.Host = HostString.FromUriComponent(issuer);
                context.Request.PathBase = pathBase;
            }
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// The partner clients in <c>gatewaydb</c> behind OpenIddict's stores, and <see cref="PartnerClients"/> over them: all that the
    /// bootstrap command needs, and the base of the token server.
    /// </summary>
    public static OpenIddictBuilder AddPartnerClientStore(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<GatewayDbContext>("gatewaydb");
        builder.Services.AddScoped<PartnerClients>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // The admin API and the server have the one from the service defaults, with Redis; the bootstrap command revokes nothing.
        builder.Services.TryAddSingleton(provider => new ClientRevocations(null, provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ClientRevocations>>()));
        return builder.Services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<GatewayDbContext>());
    }

    private static RsaSecurityKey SigningKey(string base64Pkcs8)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(base64Pkcs8), out _);
        return new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16] };
    }
}
