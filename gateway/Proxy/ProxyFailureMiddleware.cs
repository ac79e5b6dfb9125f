using Microsoft.AspNetCore.Mvc;
using Yarp.ReverseProxy.Forwarder;

namespace CooperationPlatform.Gateway.Proxy;

/// <summary>
/// A backend that is down, unreachable or too slow gives the caller a 503 with problem details, never a bare 502.
/// A GET, HEAD or OPTIONS that failed before reaching the backend is tried once more: it cannot have changed anything.
/// </summary>
public sealed class ProxyFailureMiddleware(RequestDelegate next, IProblemDetailsService problems, ILogger<ProxyFailureMiddleware> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.GetForwarderErrorFeature() is { } failure && IsRetryable(context, failure.Error))
        {
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.StatusCode = StatusCodes.Status200OK;
            await Task.Delay(RetryDelay, context.RequestAborted);
            await next(context);
        }
        if (context.GetForwarderErrorFeature() is not { } error || context.Response.HasStarted)
        {
            return;
        }
        if (FindRejection(error.Exception) is { } rejected)
        {
            // A body over the limit that was sent without a Content-Length (chunked) is found only while it is read.
            await DeclaredBodyLimitMiddleware.RejectAsync(context, problems, rejected);
            return;
        }
        logger.LogWarning(error.Exception, "Proxying {Method} {Path} failed: {Error}", context.Request.Method, context.Request.Path, error.Error);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "2";
        if (PortalRoute.IsPortalPath(context.Request.Path.Value) && AcceptsHtml(context.Request))
        {
            // A person's browser asked for a portal page while the portal is down: a page that says so, not JSON.
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(PortalRoute.UnavailablePage, context.RequestAborted);
            return;
        }
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable.",
                Detail = error.Error == ForwarderError.NoAvailableDestinations
                    ? "The service behind this route is not available right now. Retry shortly."
                    : "The service behind this route did not answer. Retry shortly.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            },
        });
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static BadHttpRequestException? FindRejection(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BadHttpRequestException rejected)
            {
                return rejected;
            }
        }
        return null;
    }

    private static bool IsRetryable(HttpContext context, ForwarderError error) =>
        !context.Response.HasStarted
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        && error == ForwarderError.Request;
}
