using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CooperationPlatform.ServiceDefaults.Data;

public static class PostgresExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the PostgreSQL database named by <c>ConnectionStrings:{connectionName}</c>,
    /// with a readiness check of that name and start-up migrations; Aspire's Npgsql EF Core integration adds Npgsql's tracing and metrics.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString(connectionName);
        // Registered here rather than by Aspire's AddNpgsqlDbContext, whose options callback has no service provider: the outbox
        // interceptors come from DI.
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(connectionString)
            .AddInterceptors(services.GetServices<IInterceptor>()));
        builder.EnrichNpgsqlDbContext<TContext>(settings =>
        {
            // The services open explicit transactions, which a retrying execution strategy refuses.
            settings.DisableRetry = true;
            // Ours below instead: named after the connection, as the readiness report and its tests name it.
            settings.DisableHealthChecks = true;
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(connectionName);
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }

    public static string GetRequiredConnectionString(this IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Run the service through the AppHost, or set ConnectionStrings__{connectionName}.");
}
