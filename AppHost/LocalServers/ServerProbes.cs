using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CooperationPlatform.AppHost.LocalServers;

/// <summary>
/// Readiness of a server, probed through its connection string as the AppHost sees it, so one probe serves the local process,
/// the container and the database alike: <c>WaitFor</c> a server waits until it really accepts connections.
/// </summary>
public static class ServerProbes
{
    // Aspire re-runs a failing health check after 1, 2, ... 5 s; a probe that keeps trying for a while itself notices readiness
    // within PollInterval instead, which takes seconds off every start.
    private static readonly TimeSpan PatientFor = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static IResourceBuilder<T> WithProbe<T>(this IResourceBuilder<T> resource, Func<string, CancellationToken, Task> probe)
        where T : IResourceWithConnectionString =>
        resource.WithReadinessProbe(async cancellationToken =>
        {
            var connectionString = await resource.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"{resource.Resource.Name} has no connection string yet.");
            await probe(connectionString, cancellationToken);
        });

    /// <summary>A health check that is healthy once <paramref name="probe"/> succeeds, trying for a few seconds before it says no.</summary>
    public static IResourceBuilder<T> WithReadinessProbe<T>(this IResourceBuilder<T> resource, Func<CancellationToken, Task> probe) where T : IResource
    {
        var key = $"{resource.Resource.Name}-ready";
        resource.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
        {
            var deadline = DateTime.UtcNow + PatientFor;
            while (true)
            {
                try
                {
                    await probe(cancellationToken);
                    return HealthCheckResult.Healthy();
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    if (DateTime.UtcNow >= deadline)
                    {
                        return HealthCheckResult.Unhealthy(e.Message);
                    }
                }
                await Task.Delay(PollInterval, cancellationToken);
            }
        });
        return resource.WithHealthCheck(key);
    }

    /// <summary>Ready when <paramref name="path"/> answers 2xx (a deployable's <c>/health</c>).</summary>
    public static IResourceBuilder<T> WithHttpProbe<T>(this IResourceBuilder<T> resource, string path) where T : IResourceWithEndpoints =>
        resource.WithReadinessProbe(async cancellationToken =>
        {
            using var response = await Http.GetAsync(new Uri(new Uri(resource.Resource.GetEndpoint("http").Url), path), cancellationToken);
            response.EnsureSuccessStatusCode();
        });

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static async Task PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 2 };
        await using var connection = new NpgsqlConnection(probe.ConnectionString);
        await connection.OpenAsync(cancellationToken);
    }

    public static async Task RedisAsync(string connectionString, CancellationToken cancellationToken)
    {
        var endpoint = connectionString.Split(',')[0];
        var separator = endpoint.LastIndexOf(':');
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint[..separator], int.Parse(endpoint[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        // "-LOADING" while a dataset loads: not ready yet.
        if (!Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Redis is not ready yet.");
        }
    }

    /// <summary>Ready when the broker answers the AMQP 0-9-1 protocol header with its Connection.Start method frame.</summary>
    public static async Task RabbitMqAsync(string connectionString, CancellationToken cancellationToken)
    {
        var uri = new Uri(connectionString);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), cancellationToken);
        var frame = new byte[8];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var read = await stream.ReadAsync(frame, timeout.Token);
        if (read < 1 || frame[0] != 1)
        {
            throw new InvalidOperationException("RabbitMQ does not accept AMQP connections yet.");
        }
    }
}
