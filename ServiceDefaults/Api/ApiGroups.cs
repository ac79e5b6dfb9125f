using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CooperationPlatform.ServiceDefaults.Api;

/// <summary>
/// The route group of a service's API and the links into it. A handler's signature names the problems its own logic gives
/// (see <see cref="ProblemResult"/>); what every endpoint of a kind can answer is declared here and in <see cref="OpenApiDefaults"/>
/// once: 401 and 403 where a scope is required, 429 everywhere, and, where a request body is taken, 400 (malformed, or breaking a
/// rule, as <see cref="RequestValidationException"/>) and 413 (above the body limit).
/// </summary>
public static class ApiGroups
{
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string service)
    {
        var api = app.MapGroup($"/api/{service}/v1");
        // Finally: a body parameter's accepts metadata is only known once the handler has been inferred.
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAcceptsMetadata>().Any())
            {
                ProblemResult.Document(endpoint, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
                ProblemResult.Document(endpoint, StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails));
            }
        });
        return api;
    }

    /// <summary>
    /// The path of the endpoint named <paramref name="operationId"/> with these route values, for a Location header: taken from the
    /// route itself, so that it cannot drift from the path it points at.
    /// </summary>
    public static string PathTo(this LinkGenerator links, string operationId, RouteValueDictionary routeValues) =>
        links.GetPathByName(operationId, routeValues)
            ?? throw new InvalidOperationException($"No endpoint named '{operationId}' takes the route values {string.Join(", ", routeValues.Keys)}.");
}
