using CooperationPlatform.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CooperationPlatform.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PlatformActivity.Name))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new BackgroundClientSampler()))
                .AddSource(builder.Environment.ApplicationName, PlatformActivity.Name)
                .AddAspNetCoreInstrumentation(options =>
                    // Probes would drown the traces that matter.
                    options.Filter = context => !HealthEndpoints.IsProbe(context.Request.Path))
                // Npgsql's and Redis's sources come with their Aspire client integrations (PostgresExtensions, RedisExtensions),
                // MassTransit's with AddMessaging.
                .AddHttpClientInstrumentation());

        // Export only where a collector is configured, as an Aspire AppHost would configure it.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }
}
