using CooperationPlatform.Contracts.Messages.Portfolio;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace CooperationPlatform.ServiceDefaults.Api;

/// <summary>
/// Every service publishes <c>/openapi/v1.json</c>; the gateway serves it as <c>/openapi/{service}/v1.json</c> with the
/// interactive reference at <c>/docs</c>. Operations that need a token are marked with the OAuth 2.0 client-credentials scheme.
/// </summary>
public static class OpenApiDefaults
{
    public const string DocumentName = "v1";
    public const string SecuritySchemeName = "partner-client";
    public const string TokenPath = "/connect/token";

    public static TBuilder AddOpenApiDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var service = builder.Environment.ApplicationName.Replace(".Api", "", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Its converter of its own hides its shape from the schema generator.
                var nullableOf = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type);
                if ((nullableOf ?? context.JsonTypeInfo.Type) == typeof(PartialDate))
                {
                    schema.Type = nullableOf is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                    schema.Pattern = @"^\d{4}(-\d{2}(-\d{2})?)?$";
                    schema.Description = "A date known to the year, the month or the day: 2020, 1995-09 or 2016-10-17.";
                    schema.Examples = [JsonValue.Create("2016-10-17")];
                }
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                OpenApiExamples.AddTo(document);
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = $"CooperationPlatform {service} API",
                    Version = DocumentName,
                    Description = $"The {service} service of CooperationPlatform, reached through the gateway under /api/{service.ToLowerInvariant()}/v1. " +
                        "Errors are RFC 7807 problem details. Writes need an OAuth 2.0 access token (client credentials) from the gateway.",
                };
                document.Servers = [new OpenApiServer { Url = "/" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OAuth2,
                    Description = "OAuth 2.0 client credentials issued by the gateway to registered partner clients.",
                    Flows = new OpenApiOAuthFlows
                    {
                        ClientCredentials = new OpenApiOAuthFlow
                        {
                            TokenUrl = new Uri(TokenPath, UriKind.Relative),
                            Scopes = Security.PlatformScopes.All.ToDictionary(scope => scope, scope => $"The {scope} scope."),
                        },
                    },
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
                    .Select(data => data.Policy).OfType<string>().ToList();
                if (policies.Count > 0)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = policies,
                    });
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid access token." });
                    operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The token lacks the scope ({string.Join(", ", policies)}) or the record belongs to another partner." });
                }
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Rate limit exceeded; retry after the Retry-After header's seconds." });
                foreach (var (status, response) in operation.Responses.Where(r => r.Key.Length == 3 && r.Key[0] is '4' or '5'))
                {
                    DescribeProblem(status, response);
                }
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>Every error response is documented as RFC 7807 problem details, with an example.</summary>
    private static void DescribeProblem(string status, IOpenApiResponse response)
    {
        if (response is not OpenApiResponse concrete)
        {
            return;
        }
        concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (!concrete.Content.TryGetValue("application/problem+json", out var media))
        {
            media = new OpenApiMediaType { Schema = ProblemSchema };
            concrete.Content["application/problem+json"] = media;
        }
        media.Example ??= new JsonObject
        {
            ["type"] = $"https://tools.ietf.org/html/rfc9110#section-15.{(status[0] == '4' ? 5 : 6)}",
            ["title"] = concrete.Description ?? "Error.",
            ["status"] = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture),
            ["detail"] = "What went wrong, in words a partner developer can act on.",
            ["instance"] = "/api/directory/v1/institutions",
            ["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
        };
    }

    private static readonly OpenApiSchema ProblemSchema = new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 7807 problem details; validation problems add `errors`, a map from field name to messages.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } } },
        },
    };

    public static WebApplication MapOpenApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
