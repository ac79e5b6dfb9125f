using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using CooperationPlatform.Contracts.Messages;

namespace CooperationPlatform.Contracts.Tests.Messages;

/// <summary>
/// Services use contract records in their request and response bodies, and their OpenAPI documents describe them with the JSON
/// schema exporter. A default the exporter cannot write (a <c>Guid</c> parameter defaulting to <c>default</c> is one) turns the
/// service's whole OpenAPI document into a 500.
/// </summary>
public sealed class JsonSchemaTests
{
    public static TheoryData<string> Records => [.. RecordTypes().Select(type => type.FullName!)];

    [Theory]
    [MemberData(nameof(Records))]
    public void A_contract_record_has_an_exportable_json_schema(string record)
    {
        var type = RecordTypes().Single(type => type.FullName == record);

        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(Options, type);

        // The schema describes what is serialized: each property the serializer writes, and no other.
        var described = schema is JsonObject root && root["properties"] is JsonObject properties ? properties.Select(p => p.Key) : [];
        Assert.Equal(Options.GetTypeInfo(type).Properties.Select(p => p.Name).Order(StringComparer.Ordinal), described.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_guid_parameter_defaulting_to_default_cannot_be_exported()
    {
        Assert.Throws<JsonException>(() =>
            JsonSchemaExporter.GetJsonSchemaAsNode(Options, typeof(GuidDefaulted)));
    }

    public sealed record GuidDefaulted(Guid Id = default);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    private static IEnumerable<Type> RecordTypes() => typeof(IntegrationEvent).Assembly.GetTypes()
        .Where(type => type is { IsPublic: true, IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
            && type.GetMethod("<Clone>$") is not null)
        .OrderBy(type => type.FullName, StringComparer.Ordinal);
}
