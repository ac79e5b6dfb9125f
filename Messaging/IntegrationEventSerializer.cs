using System.Collections.Concurrent;
using System.Text.Json;
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

    public static (object Message, Type Type) Deserialize(string typeName, string body)
    {
        var type = TypesByName.GetOrAdd(typeName, name => Type.GetType(name)
            ?? throw new InvalidOperationException($"The message type '{name}' cannot be loaded by this service."));
        var message = JsonSerializer.Deserialize(body, type, Options)
            ?? throw new InvalidOperationException($"The stored body of a '{typeName}' message is null.");
        return (message, type);
    }
}
