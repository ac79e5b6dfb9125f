using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CooperationPlatform.ServiceDefaults.Data;

/// <summary>
/// Creates the database if needed and applies pending migrations before the service accepts requests.
/// Instances starting together serialize on an advisory lock held in the maintenance database,
/// because the service's own database may not exist yet.
/// With <c>Database:MigrateOnly=true</c> (<c>Database__MigrateOnly=true</c>) the service stops once migrated: a deployment's migration job.
/// </summary>
public sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public const string MigrateOnlyKey = "Database:MigrateOnly";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var target = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };

        await using var lockConnection = await OpenWithRetryAsync(maintenance.ConnectionString, cancellationToken);
        var lockKey = $"migrate:{target.Database}";
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext($1))", lockConnection))
        {
            acquire.Parameters.AddWithValue(lockKey);
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            // MigrateAsync checks for the history table before reading it, and logs each migration it applies.
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext($1))", lockConnection);
            release.Parameters.AddWithValue(lockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
        if (services.GetRequiredService<IConfiguration>().GetValue<bool>(MigrateOnlyKey))
        {
            // Exit before the rest of the service starts (broker, HTTP server): stopping the host from here would cancel their start-up.
            logger.LogInformation("{Database} is migrated; exiting ({Key})", target.Database, MigrateOnlyKey);
            Environment.Exit(0);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<NpgsqlConnection> OpenWithRetryAsync(string connectionString, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ConnectTimeout;
        for (var delay = TimeSpan.FromMilliseconds(100); ; delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000)))
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (NpgsqlException e) when (DateTime.UtcNow < deadline)
            {
                await connection.DisposeAsync();
                logger.LogWarning("PostgreSQL is not reachable yet ({Error}); retrying in {Delay}", e.Message, delay);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }
}
