using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace CooperationPlatform.ServiceDefaults.Api;

/// <summary>
/// Gives every JSON request body and success response in a document an example built from its schema, where the operation has
/// none of its own: enum values as declared, arrays of one item, and for plain strings and numbers a value that fits the field's
/// name in this domain (a country code, an SDG, a currency), so that a partner reading <c>/docs</c> sees a request it could send.
/// </summary>
public static class OpenApiExamples
{
    private const int MaxDepth = 8;
    private const string SampleId = "c0000000-5050-4000-8000-000000000105";
    private const string SampleEmail = "focal.point@example.org";
    private const string SampleWebsite = "https://www.unido.org";

    public static void AddTo(OpenApiDocument document)
    {
        var operations = (document.Paths ?? []).SelectMany(path => path.Value.Operations ?? []).Select(operation => operation.Value);
        foreach (var operation in operations)
        {
            var media = (operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
                .Concat((operation.Responses ?? []).Where(response => response.Key.StartsWith('2')).SelectMany(response => response.Value.Content ?? new Dictionary<string, OpenApiMediaType>()))
                .Where(content => content.Key.Contains("json", StringComparison.Ordinal))
                .Select(content => content.Value);
            foreach (var mediaType in media)
            {
                if (mediaType.Example is null && mediaType.Examples is not { Count: > 0 })
                {
                    mediaType.Example = For(mediaType.Schema, document, name: null, depth: 0);
                }
            }
        }
    }

    private static JsonNode? For(IOpenApiSchema? schema, OpenApiDocument document, string? name, int depth)
    {
        schema = Resolve(schema, document);
        if (schema is null || depth > MaxDepth)
        {
            return null;
        }
        if (schema.Examples?.FirstOrDefault(value => value is not null) is { } example)
        {
            return example.DeepClone();
        }
        if (schema.Enum is { Count: > 0 } values && values.FirstOrDefault(value => value is not null) is { } first)
        {
            return first.DeepClone();
        }
        if ((schema.OneOf ?? schema.AnyOf ?? schema.AllOf)?.Select(s => Resolve(s, document)).FirstOrDefault(s => s?.Type != JsonSchemaType.Null) is { } variant)
        {
            return For(variant, document, name, depth + 1);
        }
        var type = schema.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.Array))
        {
            return new JsonArray(For(schema.Items, document, Singular(name), depth + 1));
        }
        if (type.HasFlag(JsonSchemaType.Object) || schema.Properties is { Count: > 0 })
        {
            var item = new JsonObject();
            foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                item[property] = For(propertySchema, document, property, depth + 1);
            }
            return item;
        }
        // Numbers before strings: a number that may also be read from a string is typed both ways.
        if (type.HasFlag(JsonSchemaType.Integer))
        {
            return IntegerFor(name);
        }
        if (type.HasFlag(JsonSchemaType.Number))
        {
            return string.Equals(name, "percentage", StringComparison.OrdinalIgnoreCase) ? 100 : 250000;
        }
        if (type.HasFlag(JsonSchemaType.String))
        {
            return StringFor(name, schema.Format);
        }
        return type.HasFlag(JsonSchemaType.Boolean) ? false : null;
    }

    private static IOpenApiSchema? Resolve(IOpenApiSchema? schema, OpenApiDocument document) => schema switch
    {
        OpenApiSchemaReference reference => reference.Target
            ?? (reference.Reference.Id is { } id && document.Components?.Schemas?.TryGetValue(id, out var target) == true ? target : null),
        _ => schema,
    };

    private static string? Singular(string? name) => name switch
    {
        null => null,
        "countries" => "country",
        _ when name.EndsWith("ies", StringComparison.Ordinal) => name[..^3] + "y",
        _ when name.EndsWith('s') => name[..^1],
        _ => name,
    };

    private static JsonNode StringFor(string? name, string? format)
    {
        var field = name?.ToLowerInvariant() ?? "";
        return format switch
        {
            "uuid" => SampleId,
            "date-time" => "2026-10-18T09:00:00+08:00",
            "date" => "2026-10-18",
            "email" => SampleEmail,
            "uri" => SampleWebsite,
            _ => field switch
            {
                _ when field.EndsWith("country", StringComparison.Ordinal) => "CHN",
                "alpha2" => "CN",
                "iatiidentifier" => "XM-DAC-41123-2016-SSC-001",
                "timezone" => "Asia/Shanghai",
                "daccrscode" => "23210",
                "scope" => "directory.read",
                "currency" => "USD",
                _ when field.EndsWith("city", StringComparison.Ordinal) => "Beijing",
                "email" => SampleEmail,
                "website" or "url" => SampleWebsite,
                "language" => "en",
                "acronym" => "UCSSIC",
                _ when field.EndsWith("region", StringComparison.Ordinal) || field == "code" => "142",
                "target" => "7.2",
                "sector" => "renewable-energy",
                _ when field.EndsWith("id", StringComparison.Ordinal) => SampleId,
                _ when field.Contains("name", StringComparison.Ordinal) || field == "title" => "UNIDO Centre for South-South Industrial Cooperation",
                _ => "Technology transfer for small hydropower",
            },
        };
    }

    private static JsonNode IntegerFor(string? name) => (name?.ToLowerInvariant() ?? "") switch
    {
        "goal" or "sdg" or "primarysdg" => 7,
        "page" or "pageindex" => 1,
        "pagesize" => 20,
        "m49" => 156,
        "capacity" => 200,
        var field when field.Contains("year", StringComparison.Ordinal) => 2026,
        var field when field.Contains("count", StringComparison.Ordinal) || field == "total" => 42,
        _ => 1,
    };
}
