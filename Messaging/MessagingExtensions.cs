using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.ServiceDefaults.Data;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CooperationPlatform.Messaging;

public static class MessagingExtensions
{
    /// <summary>The activity source and meter name MassTransit 8 reports under.</summary>
    private const string MassTransitInstrumentation = "MassTransit";

    /// <summary>
    /// MassTransit on RabbitMQ from <c>ConnectionStrings:{connectionName}</c> (an <c>amqp://user:password@host:port/vhost</c> URI, as Aspire
    /// writes it), with the transactional outbox and the inbox on <typeparamref name="TDbContext"/>'s database: the commit interceptor,
    /// the relay, the integration event handlers given in <paramref name="configure"/>, and the error-queue admin used by
    /// <see cref="MessagingAdminApi.MapMessagingAdmin"/>. MassTransit adds its own bus health check, which reports a broker outage as Degraded.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(this IHostApplicationBuilder builder,
        Action<MessagingBuilder<TDbContext>>? configure = null, string connectionName = "messaging")
        where TDbContext : DbContext
    {
        var broker = RabbitMqAddress.Parse(builder.Configuration.GetRequiredConnectionString(connectionName));
        var section = builder.Configuration.GetSection(MessagingOptions.SectionName);
        builder.Services.AddOptions<MessagingOptions>().Bind(section);
        var serviceName = section.Get<MessagingOptions>()?.ServiceName ?? builder.Environment.ApplicationName.Split('.')[0];

        builder.Services.AddSingleton(broker);
        builder.Services.AddSingleton<OutboxSignal<TDbContext>>();
        // PostgresExtensions adds every registered interceptor to the service's DbContext.
        builder.Services.AddSingleton<IInterceptor, OutboxCommitInterceptor<TDbContext>>();
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        builder.Services.AddSingleton<ReceiveEndpointCatalog>();
        builder.Services.AddSingleton<ErrorQueues>();
        builder.Services.AddSingleton<IOutboxDeadLetters, OutboxDeadLetters<TDbContext>>();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(MassTransitInstrumentation))
            .WithTracing(tracing => tracing.AddSource(MassTransitInstrumentation));

        builder.Services.AddMassTransit(bus =>
        {
            var endpointNames = new KebabCaseEndpointNameFormatter(serviceName + "-", includeNamespace: false);
            bus.SetEndpointNameFormatter(endpointNames);
            // The outbox keeps writes working while the broker is away: the service stays ready (Degraded, still 200) instead of
            // being taken out of rotation, and the relay delivers when the broker returns.
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = HealthStatus.Degraded);
            var messaging = new MessagingBuilder<TDbContext>(bus);
            configure?.Invoke(messaging);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, broker.ConfigureHost);
                rabbit.ConnectEndpointConfigurationObserver(context.GetRequiredService<ReceiveEndpointCatalog>());
                // Consumers subscribe to concrete events; an exchange for the common base type would only fan every event out again.
                rabbit.Publish<IntegrationEvent>(topology => topology.Exclude = true);

                var consumers = context.GetRequiredService<IOptions<MessagingOptions>>().Value.Consumers;
                foreach (var handler in messaging.Handlers)
                {
                    rabbit.ReceiveEndpoint(endpointNames.SanitizeName(serviceName + "-" + handler.HandlerType.Name),
                        endpoint => handler.ConfigureEndpoint(endpoint, context, consumers));
                }
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}

/// <summary>
/// The broker named by the connection string. <c>amqps://</c> means TLS, on port 5671 unless another is given: the credentials and
/// messages never cross the network in clear because a scheme was read as a plain one.
/// </summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls = false)
{
    public const ushort DefaultPort = 5672;
    public const ushort DefaultTlsPort = 5671;

    public static RabbitMqAddress Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq"))
        {
            throw new FormatException(
                "The RabbitMQ connection string must be a URI such as amqp://user:password@host:5672/vhost, or amqps://... for TLS.");
        }
        var useTls = uri.Scheme == "amqps";
        var credentials = uri.UserInfo.Split(':', 2);
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            uri.Host,
            uri.IsDefaultPort || uri.Port < 0 ? (useTls ? DefaultTlsPort : DefaultPort) : (ushort)uri.Port,
            virtualHost.Length == 0 ? "/" : virtualHost,
            credentials[0].Length == 0 ? "guest" : Uri.UnescapeDataString(credentials[0]),
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest",
            useTls);
    }

    /// <summary>MassTransit's host: credentials, and TLS 1.2 or 1.3 with the server's certificate checked against <see cref="Host"/>.</summary>
    public void ConfigureHost(IRabbitMqHostConfigurator host)
    {
        host.Username(Username);
        host.Password(Password);
        if (UseTls)
        {
            host.UseSsl(ssl =>
            {
                ssl.ServerName = Host;
                ssl.Protocol = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
                // MassTransit accepts a broken certificate chain by default; a broker whose certificate does not check out is refused.
                ssl.EnforcePolicyErrors(System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors
                    | System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch | System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable);
            });
        }
    }

    /// <summary>RabbitMQ's own client on the same broker, with the same TLS (the error-queue admin and the tests use it).</summary>
    public RabbitMQ.Client.ConnectionFactory CreateConnectionFactory(string clientName) => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = Username,
        Password = Password,
        ClientProvidedName = clientName,
        Ssl = new RabbitMQ.Client.SslOption(Host, enabled: UseTls)
        {
            Version = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
        },
    };
}
