using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Health;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CooperationPlatform.ServiceDefaults;

public static class Extensions
{
    /// <summary>What every service and the gateway share: <see cref="AddHostDefaults"/>, plus the API's errors, JSON, OpenAPI and tokens.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddHostDefaults();
        builder.AddProblemDetailsMapping();
        builder.AddApiDefaults();
        builder.AddOpenApiDefaults();
        builder.AddPlatformAuthentication();
        return builder;
    }

    /// <summary>
    /// What every host shares, the web portal included: telemetry, health checks, service discovery and resilient HTTP clients.
    /// The portal serves anonymous HTML pages, so it takes no API conventions (problem details, OpenAPI) and validates no tokens.
    /// </summary>
    public static TBuilder AddHostDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCredentialedAuthentication();
        app.UseAuthorization();
        app.UseRequestTextGuard();
        app.MapHealthEndpoints();
        app.MapOpenApiDocument();
        return app;
    }
}
