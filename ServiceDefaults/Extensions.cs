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
    /// <summary>What every service and the gateway share: telemetry, health, discovery, resilience and errors.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddProblemDetailsMapping();
        builder.AddApiDefaults();
        builder.AddOpenApiDefaults();
        builder.AddPlatformAuthentication();

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
