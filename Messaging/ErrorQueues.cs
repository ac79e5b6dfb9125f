using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CooperationPlatform.ServiceDefaults.Errors;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace CooperationPlatform.Messaging;

/// <summary>The durable queues this service's bus receives from, as they are configured; each has its <c>_error</c> queue.</summary>
public sealed class ReceiveEndpointCatalog : IEndpointConfigurationObserver
{
    private readonly ConcurrentDictionary<string, bool> _queues = new();

    public IReadOnlyList<string> Queues => [.. _queues.Keys.Order(StringComparer.Ordinal)];

    public void EndpointConfigured<T>(T configurator) where T : IReceiveEndpointConfigurator
    {
        var address = configurator.InputAddress;
        // Temporary queues (the bus's own reply queue) vanish with the connection and have no error queue to speak of.
        if (address.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase)
            || address.Query.Contains("autodelete=true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        _queues[address.Segments[^1]] = true;
    }
}

/// <summary>
/// Lists and replays the messages MassTransit moved to <c>{queue}_error</c> after their retries, with RabbitMQ's own client.
/// Reading a message leaves it where it was: unacknowledged messages return to their place when the channel closes.
/// </summary>
public sealed class ErrorQueues(RabbitMqAddress broker, ReceiveEndpointCatalog endpoints)
{
    public const string Suffix = "_error";
    private const int MaxBodyLength = 16 * 1024;

    // The catalog is filled when MassTransit's hosted service creates the bus, before the application takes requests.
    private IReadOnlyList<string> Queues => endpoints.Queues;

    public async Task<IReadOnlyList<ErrorQueueResponse>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var result = new List<ErrorQueueResponse>();
        foreach (var queue in Queues)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var count = await MessageCountAsync(channel, queue + Suffix, cancellationToken);
            var messages = new List<FailedMessageResponse>();
            while (messages.Count < Math.Min(count, limit)
                && await channel.BasicGetAsync(queue + Suffix, autoAck: false, cancellationToken) is { } delivery)
            {
                messages.Add(Describe(delivery));
            }
            result.Add(new ErrorQueueResponse(queue, queue + Suffix, count, messages));
        }
        return result;
    }

    /// <summary>
    /// Moves messages from <c>{queue}_error</c> back to <c>{queue}</c>: all of them, or those whose message id is listed.
    /// Only the messages present when the replay starts are considered, so one that fails again is not replayed twice.
    /// </summary>
    public async Task<IReadOnlyList<ReplayedQueueResponse>> ReplayAsync(string? queue, IReadOnlyCollection<string>? messageIds,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<string> queues = queue is null ? Queues
            : Queues.Contains(queue) ? [queue] : throw new NotFoundException("Queue", queue);
        var selected = messageIds is { Count: > 0 } ? new HashSet<string>(messageIds, StringComparer.OrdinalIgnoreCase) : null;

        await using var connection = await ConnectAsync(cancellationToken);
        var result = new List<ReplayedQueueResponse>();
        foreach (var name in queues)
        {
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            var count = await MessageCountAsync(channel, name + Suffix, cancellationToken);
            var replayed = 0;
            for (var i = 0; i < count && await channel.BasicGetAsync(name + Suffix, autoAck: false, cancellationToken) is { } delivery; i++)
            {
                if (selected is not null && !selected.Contains(delivery.BasicProperties.MessageId ?? ""))
                {
                    continue;
                }
                var properties = new BasicProperties(delivery.BasicProperties) { Headers = WithoutFaultHeaders(delivery.BasicProperties.Headers) };
                // Confirmed by the broker before the error queue lets go of the message: a crash in between duplicates it, never loses it.
                await channel.BasicPublishAsync("", name, mandatory: false, properties, delivery.Body, cancellationToken);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
                replayed++;
            }
            result.Add(new ReplayedQueueResponse(name, replayed));
        }
        return result;
    }

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken) =>
        broker.CreateConnectionFactory("messaging-admin").CreateConnectionAsync(cancellationToken);

    /// <summary>The error queue's length; 0 when it does not exist yet (MassTransit creates it with the first failure).</summary>
    private static async Task<int> MessageCountAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (int)(await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return 0;
        }
    }

    private static Dictionary<string, object?> WithoutFaultHeaders(IDictionary<string, object?>? headers) =>
        (headers ?? new Dictionary<string, object?>())
            .Where(header => !header.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && header.Key != "MT-Reason")
            .ToDictionary();

    private static FailedMessageResponse Describe(BasicGetResult delivery)
    {
        var headers = (delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
            .ToDictionary(header => header.Key, header => HeaderText(header.Value));
        var body = Encoding.UTF8.GetString(delivery.Body.Span);
        return new FailedMessageResponse(
            delivery.BasicProperties.MessageId,
            headers.GetValueOrDefault("MT-Reason"),
            headers.GetValueOrDefault("MT-Fault-ExceptionType"),
            headers.GetValueOrDefault("MT-Fault-Message"),
            headers.GetValueOrDefault("MT-Fault-Timestamp"),
            delivery.BasicProperties.ContentType,
            body.Length > MaxBodyLength ? body[..MaxBodyLength] : body,
            headers);
    }

    private static string? HeaderText(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("O", CultureInfo.InvariantCulture),
        IEnumerable<object?> items => string.Join(", ", items.Select(HeaderText)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
