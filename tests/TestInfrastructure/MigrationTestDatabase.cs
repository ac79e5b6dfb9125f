using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CooperationPlatform.Testing;

/// <summary>
/// A database of a test's own, migrated only up to an older migration, for tests of a migration that reshapes rows already there:
/// write them with SQL as that schema had them, migrate to the latest, and read them back through <see cref="Db"/>.
/// </summary>
public sealed class MigrationTestDatabase<TDbContext> : IAsyncDisposable where TDbContext : DbContext
{
    private readonly IMigrator _migrator;

    private MigrationTestDatabase(string connectionString, TDbContext db)
    {
        ConnectionString = connectionString;
        Db = db;
        _migrator = db.GetService<IMigrator>();
    }

    public string ConnectionString { get; }
    public TDbContext Db { get; }

    /// <summary>A new database at <paramref name="migration"/>; <paramref name="create"/> is the context's constructor.</summary>
    public static async Task<MigrationTestDatabase<TDbContext>> AtAsync(InfrastructureFixture infrastructure, string migration,
        Func<DbContextOptions<TDbContext>, TDbContext> create)
    {
        var connectionString = await infrastructure.CreateDatabaseAsync("migration");
        var database = new MigrationTestDatabase<TDbContext>(connectionString,
            create(new DbContextOptionsBuilder<TDbContext>().UseNpgsql(connectionString).Options));
        await database._migrator.MigrateAsync(migration, TestContext.Current.CancellationToken);
        return database;
    }

    public Task MigrateToLatestAsync() => _migrator.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Runs <paramref name="sql"/> on a connection of its own, outside the context.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
