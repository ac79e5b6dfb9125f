using Microsoft.AspNetCore.Http.Features;

namespace CooperationPlatform.Gateway.Proxy;

/// <summary>
/// Refuses a request whose declared Content-Length is over its route's body limit before anything is proxied, as nginx's
/// <c>client_max_body_size</c> does. Kestrel's own limit only bites when the body is read, so a backend that answered without
/// reading it (a 405, a 401) decided the status, and a client waiting on <c>Expect: 100-continue</c> never heard of the limit.
/// </summary>
public sealed class DeclaredBodyLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } declared && Limit(context) is { } limit && declared > limit)
        {
            return RejectAsync(context, problems, new BadHttpRequestException(
                $"The request body is {declared} bytes; this route accepts at most {limit}.", StatusCodes.Status413PayloadTooLarge));
        }
        return next(context);
    }

    /// <summary>Answers a request the caller got wrong with its own status and problem details: it is not the backend's failure.</summary>
    public static Task RejectAsync(HttpContext context, IProblemDetailsService problems, BadHttpRequestException rejected)
    {
        context.Response.StatusCode = rejected.StatusCode;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = ServiceDefaults.Errors.ProblemMapping.ToProblem(rejected) }).AsTask();
    }

    // YARP applies a route's MaxRequestBodySize at the end of the proxy pipeline, after this step, so read it from the route:
    // -1 lifts the limit, a positive value replaces the server's, anything else leaves the server's.
    private static long? Limit(HttpContext context) => context.GetReverseProxyFeature().Route.Config.MaxRequestBodySize switch
    {
        -1 => null,
        > 0 and var routeLimit => routeLimit,
        _ => context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize,
    };
}
