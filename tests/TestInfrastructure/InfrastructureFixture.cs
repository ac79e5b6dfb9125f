using Npgsql;

namespace CooperationPlatform.Testing;

/// <summary>
/// Real PostgreSQL, Redis and RabbitMQ servers for one test assembly: the AppHost's own, started with <c>--servers-only</c> on free
/// ports in a temporary folder (or the servers named by <c>ConnectionStrings__postgres</c>, <c>__cache</c> and <c>__messaging</c>).
/// Tests never share data: each asks for its own database, queue names and keys.
/// Use it as an assembly fixture: <c>[assembly: AssemblyFixture(typeof(InfrastructureFixture))]</c>.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private AppHostStack? _stack;

    public string PostgresConnectionString { get; private set; } = "";
    public string RedisConnectionString { get; private set; } = "";
    public string RabbitMqConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _stack = await AppHostStack.StartAsync("infra", ["--servers-only"]);
        PostgresConnectionString = await _stack.ConnectionStringAsync("postgres");
        RedisConnectionString = await _stack.ConnectionStringAsync("cache");
        RabbitMqConnectionString = await _stack.ConnectionStringAsync("messaging");
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
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
