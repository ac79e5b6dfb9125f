using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CooperationPlatform.ServiceDefaults.Health;

public static class HealthEndpoints
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string LiveTag = "live";

    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath);

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps readiness and liveness in every environment: orchestrators probe production too. A public host (the gateway) sets
    /// <see cref="HealthDetailOptions.AdminOnly"/>: then the checks, which name the backends and their addresses, are shown only
    /// to <c>platform.admin</c>, and anyone else gets the overall status (and the status code the probes read).
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        var adminOnly = app.Services.GetService<Microsoft.Extensions.Options.IOptions<HealthDetailOptions>>()?.Value.AdminOnly ?? false;
        Func<HttpContext, HealthReport, Task> writer = (context, report) => WriteReport(context, report, adminOnly);
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = writer })
            .DisableHttpMetrics();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = writer,
        }).DisableHttpMetrics();
        return app;
    }

    private static Task WriteReport(HttpContext context, HealthReport report, bool adminOnly)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        if (adminOnly && !context.User.IsPlatformAdmin())
        {
            return JsonSerializer.SerializeAsync(context.Response.Body, new HealthStatusResponse(report.Status.ToString()), HealthJson.Options, context.RequestAborted);
        }
        var body = new HealthReportResponse(
            report.Status.ToString(),
            report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new HealthEntryResponse(entry.Value.Status.ToString(), entry.Value.Description ?? entry.Value.Exception?.Message)));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Options, context.RequestAborted);
    }
}

public sealed class HealthDetailOptions
{
    /// <summary>Show the checks only to <c>platform.admin</c>.</summary>
    public bool AdminOnly { get; set; }
}

/// <summary>What an anonymous caller of a public host's <c>/health</c> gets.</summary>
public sealed record HealthStatusResponse(string Status);

public sealed record HealthReportResponse(string Status, IReadOnlyDictionary<string, HealthEntryResponse> Checks);

public sealed record HealthEntryResponse(string Status, string? Description);

public static class HealthJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
