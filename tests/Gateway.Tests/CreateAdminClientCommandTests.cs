using System.Diagnostics;
using CooperationPlatform.Testing;
using Npgsql;

namespace CooperationPlatform.Gateway.Tests;

/// <summary>
/// The documented bootstrap command, run as an operator would: the gateway's own executable, in Production, with nothing but the
/// connection string of a new, empty gateway database.
/// </summary>
public sealed class CreateAdminClientCommandTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task Creates_an_admin_client_with_a_hashed_secret_on_a_new_database()
    {
        var database = await infrastructure.CreateDatabaseAsync("gateway_command");

        var (exitCode, output, error) = await RunGatewayAsync(database, "create-admin-client", "ops-admin");

        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}");
        Assert.Contains("client_id=ops-admin", output);
        var secret = output.Split('\n').Single(line => line.StartsWith("client_secret=", StringComparison.Ordinal))["client_secret=".Length..].Trim();
        Assert.True(secret.Length >= 40, $"secret '{secret}' is too short");
        var (storedSecret, permissions) = await StoredClientAsync(database, "ops-admin");
        Assert.False(string.IsNullOrEmpty(storedSecret));
        Assert.DoesNotContain(secret, storedSecret);
        Assert.Contains("scp:platform.admin", permissions);
    }

    [Fact]
    public async Task A_second_run_for_the_same_client_fails_without_changing_it()
    {
        var database = await infrastructure.CreateDatabaseAsync("gateway_command");
        Assert.Equal(0, (await RunGatewayAsync(database, "create-admin-client", "ops-admin")).ExitCode);
        var before = await StoredClientAsync(database, "ops-admin");

        var (exitCode, output, error) = await RunGatewayAsync(database, "create-admin-client", "ops-admin");

        Assert.Equal(1, exitCode);
        Assert.Contains("already registered", error);
        Assert.DoesNotContain("client_secret", output);
        Assert.Equal(before, await StoredClientAsync(database, "ops-admin"));
    }

    [Theory]
    [InlineData(1, "Not A Valid Id")]
    [InlineData(2)]
    public async Task Bad_arguments_are_refused_with_a_reason(int expectedExitCode, params string[] clientId)
    {
        var database = await infrastructure.CreateDatabaseAsync("gateway_command");

        var (exitCode, output, error) = await RunGatewayAsync(database, ["create-admin-client", .. clientId]);

        Assert.Equal(expectedExitCode, exitCode);
        Assert.NotEqual("", error.Trim());
        Assert.DoesNotContain("client_secret", output);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunGatewayAsync(string database, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gateway.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var key in start.Environment.Keys.Where(key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
            || key.StartsWith("Gateway__", StringComparison.Ordinal) || key.EndsWith("_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__gatewaydb"] = database;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static async Task<(string? Secret, string? Permissions)> StoredClientAsync(string database, string clientId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""SELECT "ClientSecret", "Permissions" FROM "OpenIddictApplications" WHERE "ClientId" = $1""", connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = clientId } },
        };
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no client '{clientId}' stored");
        var client = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        Assert.False(await reader.ReadAsync(), $"more than one client '{clientId}' stored");
        return client;
    }
}
