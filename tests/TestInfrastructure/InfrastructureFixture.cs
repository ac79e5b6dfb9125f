using CooperationPlatform.AppHost.Hosting;
using Npgsql;

namespace CooperationPlatform.Testing;

/// <summary>
/// Real PostgreSQL, Redis and RabbitMQ servers for one test assembly, on free ports in a temporary folder
/// (or the servers named by <c>ConnectionStrings__postgres</c>, <c>__cache</c> and <c>__messaging</c>).
/// Tests never share data: each asks for its own database, queue names and keys.
/// Use it as an assembly fixture: <c>[assembly: AssemblyFixture(typeof(InfrastructureFixture))]</c>.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = TestDirectories.Create("infra");
    private PlatformHost? _host;

    public string PostgresConnectionString { get; private set; } = "";
    public string RedisConnectionString { get; private set; } = "";
    public string RabbitMqConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var builder = new PlatformHostBuilder(TestDirectories.Options(_dataDirectory));
        var postgres = builder.AddPostgres("postgres", 0);
        var cache = builder.AddRedis("cache", 0);
        var messaging = builder.AddRabbitMQ("messaging", 0);
        _host = builder.Build();
        await _host.StartAsync();
        PostgresConnectionString = postgres.ConnectionString;
        RedisConnectionString = cache.ConnectionString;
        RabbitMqConnectionString = messaging.ConnectionString;
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        TestDirectories.Delete(_dataDirectory);
    }
}
