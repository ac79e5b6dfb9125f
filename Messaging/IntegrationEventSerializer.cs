using System.Collections.Concurrent;
using System.Text.Json;
using CooperationPlatform.Contracts.Messages;
using MassTransit.Serialization;

namespace CooperationPlatform.Messaging;

/// <summary>How an integration event is stored in an outbox row and read back by the relay.</summary>
internal static class IntegrationEventSerializer
{
    private static readonly ConcurrentDictionary<string, Type> TypesByName = new();

    // MassTransit's own settings, so that the stored body reads like the message on the wire.
    private static JsonSerializerOptions Options => SystemTextJsonMessageSerializer.Options;

    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static string Serialize(object message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    /// <exception cref="UnpublishableMessageException">The type does not load here, is not an integration event, or the body does not deserialize.</exception>
    public static (object Message, Type Type) Deserialize(string typeName, string body)
    {
        Type type;
        try
        {
            type = TypesByName.GetOrAdd(typeName, name => Type.GetType(name)
                ?? throw new UnpublishableMessageException($"The message type '{name}' cannot be loaded by this service."));
        }
        catch (Exception e) when (e is TypeLoadException or FileLoadException or FileNotFoundException or BadImageFormatException or ArgumentException)
        {
            throw new UnpublishableMessageException($"The message type '{typeName}' cannot be loaded by this service: {e.Message}", e);
        }
        if (!typeof(IntegrationEvent).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new UnpublishableMessageException($"The message type '{typeName}' is not a concrete integration event.");
        }
        try
        {
            var message = JsonSerializer.Deserialize(body, type, Options)
                ?? throw new UnpublishableMessageException($"The stored body of a '{typeName}' message is null.");
            return (message, type);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new UnpublishableMessageException($"The stored body of a '{typeName}' message cannot be read: {e.Message}", e);
        }
    }
}

/// <summary>An outbox row that no retry can publish: the relay dead-letters it.</summary>
internal sealed class UnpublishableMessageException(string message, Exception? inner = null) : Exception(message, inner);
