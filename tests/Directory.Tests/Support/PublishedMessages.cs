using System.Collections.Concurrent;
using System.Text.Json;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Testing;
using MassTransit.Serialization;
using RabbitMQ.Client.Events;
using RabbitMQ.Client;

namespace CooperationPlatform.Directory.Tests.Support;

/// <summary>
/// Listens on the broker, as any consumer would, to what the directory publishes: a temporary queue bound to the exchange of
/// each message type (MassTransit names an exchange after the type: <c>Namespace:TypeName</c>).
/// </summary>
public sealed class PublishedMessages : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentQueue<IntegrationEvent> _received = new();

    private PublishedMessages(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<PublishedMessages> ListenAsync(string brokerConnectionString, params Type[] messageTypes)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(brokerConnectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var listener = new PublishedMessages(connection, channel);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        var types = messageTypes.ToDictionary(t => $"urn:message:{t.Namespace}:{t.Name}");
        foreach (var type in messageTypes)
        {
            var exchange = $"{type.Namespace}:{type.Name}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, "");
        }
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            var urn = envelope.RootElement.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()!).First(types.ContainsKey);
            var message = (IntegrationEvent)envelope.RootElement.GetProperty("message").Deserialize(types[urn], SystemTextJsonMessageSerializer.Options)!;
            listener._received.Enqueue(message);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return listener;
    }

    /// <summary>Waits for a <typeparamref name="T"/> about <paramref name="aggregateId"/> that satisfies <paramref name="condition"/>.</summary>
    public async Task<T> WaitForAsync<T>(Guid aggregateId, Func<T, bool>? condition = null) where T : IntegrationEvent
    {
        T? found = null;
        await Eventually.HoldsAsync(() =>
        {
            found = _received.OfType<T>().FirstOrDefault(m => m.AggregateId == aggregateId && (condition?.Invoke(m) ?? true));
            return Task.FromResult(found is not null);
        }, $"a {typeof(T).Name} about {aggregateId} is published");
        return found!;
    }

    public IReadOnlyList<T> About<T>(Guid aggregateId) where T : IntegrationEvent => [.. _received.OfType<T>().Where(m => m.AggregateId == aggregateId)];

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
