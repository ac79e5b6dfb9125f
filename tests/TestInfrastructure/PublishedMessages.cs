using System.Collections.Concurrent;
using System.Text.Json;
using CooperationPlatform.Contracts.Messages;
using MassTransit.Serialization;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CooperationPlatform.Testing;

/// <summary>
/// Listens on the broker, as any consumer would, to what a service publishes (so a test sees what a consumer such as analytics
/// would see): a temporary queue bound to the exchange of each message type (MassTransit names an exchange after the type:
/// <c>Namespace:TypeName</c>).
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

    public static async Task<PublishedMessages> ListenAsync(string brokerConnectionString, IReadOnlyCollection<Type> messageTypes)
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

    /// <summary>The concrete message types declared in the namespace of <typeparamref name="TMessage"/>: all a service publishes.</summary>
    public static Type[] InNamespaceOf<TMessage>() where TMessage : IntegrationEvent =>
        [.. typeof(TMessage).Assembly.GetTypes().Where(t => t.Namespace == typeof(TMessage).Namespace && t is { IsClass: true, IsAbstract: false }
            && t.IsAssignableTo(typeof(IntegrationEvent)))];

    public IReadOnlyList<T> Of<T>(Func<T, bool>? where = null) where T : IntegrationEvent =>
        [.. _received.OfType<T>().Where(where ?? (_ => true))];

    /// <summary>Waits until <paramref name="count"/> messages of <typeparamref name="T"/> matching <paramref name="where"/> arrived, and returns them all.</summary>
    public Task<IReadOnlyList<T>> WaitForAsync<T>(Func<T, bool> where, int count = 1) where T : IntegrationEvent =>
        Eventually.ReturnsAsync(() => Task.FromResult(Of(where)), found => found.Count >= count,
            $"{count} {typeof(T).Name} message(s) are published", found => $"got {found.Count}");

    /// <summary>Waits for a <typeparamref name="T"/> about <paramref name="aggregateId"/> that satisfies <paramref name="where"/>.</summary>
    public Task<T> WaitForAsync<T>(Guid aggregateId, Func<T, bool>? where = null) where T : IntegrationEvent =>
        Eventually.FindsAsync(() => Task.FromResult(_received.OfType<T>().FirstOrDefault(m => m.AggregateId == aggregateId && (where?.Invoke(m) ?? true))),
            $"a {typeof(T).Name} about {aggregateId} is published");

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
