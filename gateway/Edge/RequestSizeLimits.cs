using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CooperationPlatform.Gateway.Edge;

/// <summary>
/// The limits on a request's target (8 KiB, 414) and headers (32 KiB, 431), answered with problem details. Kestrel refuses a
/// request over its own limits before any middleware runs, with an empty body, and offers no hook to write one; so Kestrel's
/// limits are set above these (<see cref="KestrelSlack"/>) and this middleware, first in the pipeline, enforces the real ones.
/// Only a request over Kestrel's higher limits still gets Kestrel's empty answer.
/// </summary>
public sealed class RequestSizeLimitsMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public const int MaxRequestTargetBytes = 8 * 1024;
    public const int MaxRequestHeadersBytes = 32 * 1024;
    public const int KestrelSlack = 16 * 1024;

    public static void RaiseKestrelLimits(KestrelServerOptions options)
    {
        options.Limits.MaxRequestLineSize = MaxRequestTargetBytes + KestrelSlack;
        options.Limits.MaxRequestHeadersTotalSize = MaxRequestHeadersBytes + KestrelSlack;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (target.Length > MaxRequestTargetBytes)
        {
            return RefuseAsync(context, StatusCodes.Status414UriTooLong,
                $"The request target is {target.Length} bytes; the limit is {MaxRequestTargetBytes}.");
        }
        var headerBytes = HeaderBytes(context.Request.Headers);
        if (headerBytes > MaxRequestHeadersBytes)
        {
            return RefuseAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"The request headers are {headerBytes} bytes; the limit is {MaxRequestHeadersBytes}.");
        }
        return next(context);
    }

    /// <summary>As Kestrel counts them: each line's name, ": ", value and CRLF.</summary>
    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                total += name.Length + 4 + (value?.Length ?? 0);
            }
        }
        return total;
    }

    private Task RefuseAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        // The connection may hold more of the oversized request; it is not worth reading.
        context.Response.Headers.Connection = "close";
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = ProblemMapping.TitleFor(status),
                Detail = detail,
                Type = ProblemMapping.TypeFor(status),
            },
        }).AsTask();
    }
}
