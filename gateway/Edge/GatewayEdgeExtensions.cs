using System.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using CooperationPlatform.Gateway.Proxy;
using CooperationPlatform.ServiceDefaults.Caching;
using CooperationPlatform.ServiceDefaults.Health;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Net.Http.Headers;
using Scalar.AspNetCore;
using StackExchange.Redis;

namespace CooperationPlatform.Gateway.Edge;

/// <summary>What the gateway does for every request besides routing: limits, caching, CORS, security headers, trace ids, docs.</summary>
public static class GatewayEdgeExtensions
{
    public const string TraceIdHeader = "X-Trace-Id";
    public const string CorsPolicy = "partners";

    public static IHostApplicationBuilder AddGatewayEdge(this IHostApplicationBuilder builder)
    {
        builder.AddRedisCache();
        TrustedProxies.Add(builder);
        builder.Services.Configure<RateLimitSettings>(builder.Configuration.GetSection("Gateway:RateLimits"));
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.Configure<KestrelServerOptions>(RequestSizeLimitsMiddleware.RaiseKestrelLimits);
        // The gateway is public: its /health names the backends and their addresses, for platform.admin only.
        builder.Services.Configure<HealthDetailOptions>(options => options.AdminOnly = true);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStackExchangeRedisOutputCache(_ => { });
        builder.Services.AddOptions<RedisOutputCacheOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
        {
            // v2: entries carry their expiry (LayeredOutputCacheStore); the prefix keeps them apart from entries stored without it.
            options.InstanceName = "gateway:output:v2:";
            options.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
        });
        LayerOutputCacheInMemory(builder.Services, builder.Configuration.GetValue("Gateway:OutputCache:MemoryMegabytes", 64L) * 1024 * 1024);
        builder.Services.AddOutputCache(options => options.AddPolicy(GatewayOutputCache.PolicyName, new GatewayOutputCache(TimeProvider.System)));
        var origins = builder.Configuration.GetSection("Gateway:Cors:Origins").Get<string[]>() ?? [];
        builder.Services.AddCors(options => options.AddPolicy(CorsPolicy, cors => cors
            .WithOrigins(origins)
            .AllowAnyHeader()
            .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
            .WithExposedHeaders(HeaderNames.ETag, HeaderNames.Location, HeaderNames.RetryAfter, TraceIdHeader,
                RateLimitAnswers.LimitHeader, RateLimitAnswers.RemainingHeader, RateLimitAnswers.ResetHeader)));
        return builder;
    }

    /// <summary>Puts <see cref="LayeredOutputCacheStore"/> (this instance's memory) in front of the shared Redis store.</summary>
    private static void LayerOutputCacheInMemory(IServiceCollection services, long memoryLimitBytes)
    {
        var shared = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(shared);
        services.AddSingleton<IOutputCacheStore>(provider => new LayeredOutputCacheStore(
            (IOutputCacheStore)(shared.ImplementationInstance
                ?? shared.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, shared.ImplementationType!)),
            provider.GetRequiredService<TimeProvider>(), memoryLimitBytes));
    }

    /// <summary>
    /// Headers first, so that every answer, errors included, carries them; then the size limits and the token endpoint's rate
    /// limit, which come before authentication.
    /// </summary>
    public static WebApplication UseGatewayEdge(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.ForwardedHeaders != ForwardedHeaders.None)
        {
            app.UseForwardedHeaders();
        }
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers[TraceIdHeader] = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Resource-Policy"] = "same-site";
                if (PortalRoute.IsPortalRequest(context))
                {
                    // The portal's pages load its styles and scripts: it states its own policy, which is kept.
                    headers.XFrameOptions = "DENY";
                    if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
                    {
                        headers.ContentSecurityPolicy = PortalContentSecurityPolicy;
                    }
                }
                else if (!context.Request.Path.StartsWithSegments(ApiReferencePath))
                {
                    headers.XFrameOptions = "DENY";
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseCors(CorsPolicy);
        app.UseMiddleware<RequestSizeLimitsMiddleware>();
        app.UseMiddleware<TokenRateLimitMiddleware>();
        return app;
    }

    /// <summary>After authentication (limits are per client) and before the proxy.</summary>
    public static WebApplication UseGatewayLimits(this WebApplication app)
    {
        app.UseRequestTimeouts();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseOutputCache();
        return app;
    }

    public const string ApiReferencePath = "/docs";

    /// <summary>For a portal answer that states no policy of its own (an error of the portal's host, say): its own origin only.</summary>
    public const string PortalContentSecurityPolicy = "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>The interactive reference at <c>/docs</c>, over each service's document at <c>/openapi/{service}/v1.json</c>.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(ApiReferencePath, options =>
        {
            options.WithTitle("CooperationPlatform API");
            options.WithOpenApiRoutePattern("/openapi/{documentName}/v1.json");
            foreach (var backend in Backend.All)
            {
                options.AddDocument(backend.Prefix, $"{char.ToUpperInvariant(backend.Prefix[0])}{backend.Prefix[1..]}");
            }
        });
        return app;
    }
}
