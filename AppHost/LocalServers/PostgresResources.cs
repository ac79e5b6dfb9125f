using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CooperationPlatform.AppHost.LocalServers;

/// <summary>
/// PostgreSQL from the machine's binaries, run by DCP as an executable on loopback. Its data folder is initialised (initdb) before
/// the first start. Aspire.Hosting.PostgreSQL's server is a container resource and cannot wrap a process, hence this type.
/// </summary>
public sealed class PostgresServerResource(string name, string command, string dataDirectory)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    public const string User = "postgres";
    // A development password for a server that listens on loopback only.
    public const string DevelopmentPassword = "postgres";

    public string DataDirectory { get; } = dataDirectory;
    public EndpointReference Endpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.IPV4Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={User};Password={DevelopmentPassword}");
}

/// <summary>
/// A database on a PostgreSQL server (local, in a container or given by a connection string), referenced as
/// <c>ConnectionStrings:{name}</c>. It creates itself once its server answers, then reports Running; its health check connects to it,
/// so <c>WaitFor</c> a database waits until it exists.
/// </summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, IResourceWithConnectionString server)
    : Resource(name), IResourceWithParent<IResourceWithConnectionString>, IResourceWithConnectionString
{
    public IResourceWithConnectionString Parent { get; } = server;
    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

public static class PostgresResourceExtensions
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromMinutes(2);

    /// <param name="ephemeral">No fsync: for throw-away data (tests, benchmarks).</param>
    public static IResourceBuilder<PostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, int port,
        string dataRoot, bool ephemeral)
    {
        var bin = ServerPackages.PostgresBinDirectory() ?? throw new PlatformStartException("PostgreSQL's binaries were not found.");
        var dataDirectory = Path.Combine(dataRoot, name);
        Directory.CreateDirectory(dataDirectory);
        // initdb and postgres refuse to run as root: run them as the postgres user, on a folder it owns.
        string[] asPostgresUser = ServerPackages.IsRoot ? ["--reuid=postgres", "--regid=postgres", "--init-groups", "--"] : [];
        var postgres = Path.Combine(bin, "postgres");
        var server = new PostgresServerResource(name, OwnSession.Command, dataDirectory);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, (_, cancellationToken) =>
            InitialiseDataDirectoryAsync(bin, dataDirectory, asPostgresUser, ephemeral, cancellationToken));

        return builder.AddResource(server)
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "tcp", isProxied: false)
            .WithArgs([.. ServerPackages.IsRoot ? ["setpriv", .. asPostgresUser] : Array.Empty<string>(), postgres,
                "-D", dataDirectory, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=400",
                "-c", "shared_buffers=256MB", "-c", "logging_collector=off",
                .. ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : Array.Empty<string>()])
            .WithProbe(ServerProbes.PostgresAsync)
            .WithIconName("DatabaseStack");
    }

    /// <summary>A database on any PostgreSQL server resource; <paramref name="databaseName"/> defaults to the resource's name.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<IResourceWithConnectionString> server, string name,
        string? databaseName = null)
    {
        var builder = server.ApplicationBuilder;
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);

        builder.Eventing.Subscribe<InitializeResourceEvent>(database, async (@event, cancellationToken) =>
        {
            await @event.Notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.Waiting });
            try
            {
                if (server.Resource is ExecutableResource or ContainerResource)
                {
                    await @event.Notifications.WaitForResourceHealthyAsync(server.Resource.Name, cancellationToken);
                }
                await CreateIfMissingAsync(database, cancellationToken);
                @event.Logger.LogInformation("Database {Database} is ready", database.DatabaseName);
                await @event.Notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.Running });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                @event.Logger.LogError(e, "Database {Database} could not be created", database.DatabaseName);
                await @event.Notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.FailedToStart });
            }
        });

        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithProbe(ServerProbes.PostgresAsync)
            .WithIconName("Database");
    }

    private static async Task InitialiseDataDirectoryAsync(string bin, string dataDirectory, string[] asPostgresUser, bool ephemeral,
        CancellationToken cancellationToken)
    {
        if (ServerPackages.IsRoot)
        {
            await ServerPackages.RunToCompletionAsync("chown", ["-R", "postgres:postgres", dataDirectory], cancellationToken);
        }
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }
        var passwordFile = Path.Combine(Path.GetTempPath(), $"postgres-password-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, PostgresServerResource.DevelopmentPassword, cancellationToken);
        try
        {
            if (ServerPackages.IsRoot)
            {
                await ServerPackages.RunToCompletionAsync("chown", ["postgres:postgres", passwordFile], cancellationToken);
            }
            string[] initdb = [Path.Combine(bin, "initdb"), "-D", dataDirectory, "-U", PostgresServerResource.User, "--pwfile", passwordFile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions", .. ephemeral ? ["--no-sync"] : Array.Empty<string>()];
            string[] command = ServerPackages.IsRoot ? ["setpriv", .. asPostgresUser, .. initdb] : initdb;
            await ServerPackages.RunToCompletionAsync(command[0], command[1..], cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static async Task CreateIfMissingAsync(PostgresDatabaseResource database, CancellationToken cancellationToken)
    {
        var serverConnectionString = await database.Parent.ConnectionStringExpression.GetValueAsync(cancellationToken);
        var maintenance = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false, Timeout = 5 }.ConnectionString;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CreateTimeout);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(maintenance);
                await connection.OpenAsync(timeout.Token);
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database.DatabaseName } } };
                if (await exists.ExecuteScalarAsync(timeout.Token) is null)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"")}\"", connection);
                    await create.ExecuteNonQueryAsync(timeout.Token);
                }
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Created meanwhile by another stack sharing the server: what was wanted.
                return;
            }
            catch (NpgsqlException) when (!timeout.IsCancellationRequested)
            {
                // An external server still starting, or a passing network fault.
                await Task.Delay(500, timeout.Token);
            }
        }
    }
}
