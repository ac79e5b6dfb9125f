using CooperationPlatform.Messaging.Tests.Support;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CooperationPlatform.Messaging.Tests;

/// <summary>No broker with TLS runs here: these check what the configuration asks MassTransit and RabbitMQ's client for.</summary>
public sealed class BrokerTlsTests
{
    [Fact]
    public void An_amqps_connection_string_asks_for_tls_on_port_5671_and_an_amqp_one_does_not()
    {
        var tls = RabbitMqAddress.Parse("amqps://user:secret@broker.example/prod");
        var plain = RabbitMqAddress.Parse("amqp://user:secret@broker.example/prod");
        var tlsOnOtherPort = RabbitMqAddress.Parse("amqps://broker.example:15671/");

        Assert.Equal((true, (ushort)5671, "prod", "user", "secret"), (tls.UseTls, tls.Port, tls.VirtualHost, tls.Username, tls.Password));
        Assert.Equal((false, (ushort)5672), (plain.UseTls, plain.Port));
        Assert.Equal((true, (ushort)15671), (tlsOnOtherPort.UseTls, tlsOnOtherPort.Port));
    }

    [Fact]
    public void The_bus_of_a_service_given_an_amqps_broker_connects_with_tls()
    {
        using var host = BuildHost("amqps://user:secret@broker.example:15671/prod");

        var settings = RabbitMqSettings(host);

        Assert.Equal((true, "broker.example", (ushort)15671, "prod"), (settings.Ssl, settings.SslServerName, settings.Port, settings.VirtualHost));
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13, settings.SslProtocol);
        Assert.Equal(System.Net.Security.SslPolicyErrors.None, settings.AcceptablePolicyErrors);
    }

    [Fact]
    public void The_bus_of_a_service_given_an_amqp_broker_connects_without_tls()
    {
        using var host = BuildHost("amqp://user:secret@broker.example:5672/prod");

        Assert.False(RabbitMqSettings(host).Ssl);
    }

    [Fact]
    public void The_error_queue_admin_reaches_an_amqps_broker_with_tls_and_checks_its_certificate_against_the_host_name()
    {
        var factory = RabbitMqAddress.Parse("amqps://user:secret@broker.example/prod").CreateConnectionFactory("messaging-admin");
        var plain = RabbitMqAddress.Parse("amqp://user:secret@broker.example/prod").CreateConnectionFactory("messaging-admin");

        Assert.True(factory.Ssl.Enabled);
        Assert.Equal("broker.example", factory.Ssl.ServerName);
        Assert.Equal(System.Net.Security.SslPolicyErrors.None, factory.Ssl.AcceptablePolicyErrors);
        Assert.Equal(5671, factory.Port);
        Assert.False(plain.Ssl.Enabled);
    }

    [Theory]
    [InlineData("http://broker.example:5672/")]
    [InlineData("amqp+tls://broker.example/")]
    [InlineData("broker.example:5671")]
    public void A_service_whose_broker_connection_string_is_not_amqp_or_amqps_fails_at_start_up_naming_both(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => BuildHost(connectionString));

        Assert.Contains("amqp://", error.Message);
        Assert.Contains("amqps://", error.Message);
    }

    /// <summary>What MassTransit will connect with, as the bus built from the service's registration holds it (building connects nothing).</summary>
    private static MassTransit.RabbitMqHostSettings RabbitMqSettings(IHost host)
    {
        var bus = host.Services.GetRequiredService<MassTransit.Transports.IBusInstance>();
        return Assert.IsAssignableFrom<MassTransit.RabbitMqTransport.Configuration.IRabbitMqHostConfiguration>(bus.HostConfiguration).Settings;
    }

    private static IHost BuildHost(string brokerConnectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = brokerConnectionString,
            ["Messaging:ServiceName"] = "tls",
        });
        builder.AddMessaging<TestDbContext>();
        return builder.Build();
    }
}
