using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CooperationPlatform.ServiceDefaults.Api;

/// <summary>
/// A body written as it is produced (an export of every record). A failure before the first byte is sent is a problem like any
/// other (a 500); after it, the 200 is already on its way, so the connection is aborted: the client sees a broken transfer, never a
/// document that ends early but looks complete. A writer should therefore send only whole records.
/// </summary>
public static class StreamedResults
{
    public static PushStreamHttpResult Stream(HttpContext context, Func<Stream, Task> write, string contentType) =>
        TypedResults.Stream(async body =>
        {
            try
            {
                await write(body);
            }
            catch (Exception e) when (context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StreamedResults))
                    .LogError(e, "Streaming {Method} {Path} failed after the answer started; the connection is aborted", context.Request.Method,
                        context.Request.Path);
                context.Abort();
            }
        }, contentType);
}
