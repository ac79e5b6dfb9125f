using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapOpenApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
