using System.Runtime.InteropServices;
using CooperationPlatform.AppHost.Containers;
using Npgsql;

namespace CooperationPlatform.AppHost.Hosting;

/// <summary>A PostgreSQL server: the one given in <c>ConnectionStrings__postgres</c>, or a local one started from the machine's binaries.</summary>
public sealed class PostgresServerResource(string name, int preferredPort, string databaseNamePrefix = "") : Resource(name), IResourceWithConnectionString
{
    private const string SuperUser = "postgres";
    // A development password for a server that listens on loopback only.
    private const string DevelopmentPassword = "postgres";
    private readonly List<PostgresDatabaseResource> _databases = [];
    private string _connectionString = "";

    public string ConnectionString => _connectionString;
    public override string? DisplayUrl => _connectionString.Length == 0 ? null : $"postgres://{Endpoint}";
    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;
    private string Endpoint { get; set; } = "";

    /// <summary>A database referenced as <c>ConnectionStrings:{name}</c>; its real name may differ (tests give each run its own).</summary>
    public PostgresDatabaseResource AddDatabase(string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? databaseNamePrefix + name, this);
        _databases.Add(database);
        return database;
    }

    internal override async Task StartAsync(HostContext context, CancellationToken cancellationToken)
    {
        if (context.Options.ExternalConnectionStrings.TryGetValue(Name, out var external))
        {
            _connectionString = external;
        }
        else if (context.Options.UseContainers)
        {
            (Process, _connectionString) = await ServerContainers.StartPostgresAsync(Name, preferredPort, context, cancellationToken);
        }
        else
        {
            await StartLocalServerAsync(context, cancellationToken);
        }
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        Endpoint = $"{builder.Host}:{builder.Port}";
        await WaitUntilReadyAsync(cancellationToken);
        foreach (var database in _databases)
        {
            await CreateDatabaseIfMissingAsync(database.DatabaseName, cancellationToken);
        }
    }

    internal override async Task StopAsync()
    {
        if (Process is not null)
        {
            // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, data is flushed.
            await Process.StopAsync(PosixSignal.SIGINT);
        }
    }

    private async Task StartLocalServerAsync(HostContext context, CancellationToken cancellationToken)
    {
        await ServerBinaries.EnsureInstalledAsync(context, cancellationToken);
        var bin = ServerBinaries.PostgresBinDirectory()!;
        var dataDirectory = Path.Combine(context.DataDirectory, Name);
        var port = context.Port(preferredPort);
        System.IO.Directory.CreateDirectory(dataDirectory);

        // initdb and postgres refuse to run as root: run them as the postgres user, on a folder it owns.
        var asPostgresUser = ServerBinaries.IsRoot ? new[] { "setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--" } : [];
        if (ServerBinaries.IsRoot)
        {
            await ServerBinaries.RunToCompletionAsync("chown", ["-R", "postgres:postgres", dataDirectory], cancellationToken);
        }
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            var passwordFile = Path.Combine(context.DataDirectory, $".{Name}-password");
            await File.WriteAllTextAsync(passwordFile, DevelopmentPassword, cancellationToken);
            if (ServerBinaries.IsRoot)
            {
                await ServerBinaries.RunToCompletionAsync("chown", ["postgres:postgres", passwordFile], cancellationToken);
            }
            string[] initdb = [Path.Combine(bin, "initdb"), "-D", dataDirectory, "-U", SuperUser, "--pwfile", passwordFile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions", .. context.Options.Ephemeral ? ["--no-sync"] : Array.Empty<string>()];
            string[] command = [.. asPostgresUser, .. initdb];
            await ServerBinaries.RunToCompletionAsync(command[0], command[1..], cancellationToken);
            File.Delete(passwordFile);
        }

        string[] server = [Path.Combine(bin, "postgres"), "-D", dataDirectory, "-p", port.ToString(),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=400",
            "-c", "shared_buffers=256MB", "-c", "logging_collector=off",
            .. context.Options.Ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : Array.Empty<string>()];
        string[] start = [.. asPostgresUser, .. server];
        Process = ManagedProcess.Start(Name, start[0], start[1..], context);
        _connectionString = $"Host=127.0.0.1;Port={port};Username={SuperUser};Password={DevelopmentPassword}";
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(_connectionString) { Database = "postgres", Pooling = false, Timeout = 2 };
        await Readiness.PollAsync(Name, Process, async () =>
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }, cancellationToken);
    }

    private async Task CreateDatabaseIfMissingAsync(string database, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(_connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Created meanwhile by another instance: what was wanted.
            }
        }
    }
}

/// <summary>A database on a <see cref="PostgresServerResource"/>, referenced by services as <c>ConnectionStrings:{name}</c>.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server) : IResourceWithConnectionString
{
    public string Name { get; } = name;
    public string DatabaseName { get; } = databaseName;
    public PostgresServerResource Server { get; } = server;
    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Database = DatabaseName }.ConnectionString;
}
