using CooperationPlatform.Gateway.Proxy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Forwarder;

namespace CooperationPlatform.Gateway.Tests;

/// <summary>What the gateway does when forwarding fails: one more try only for a request that cannot have changed anything.</summary>
public sealed class ProxyFailureMiddlewareTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public async Task A_read_that_failed_before_reaching_the_backend_is_tried_once_more(string method)
    {
        var (context, attempts) = await ForwardAsync(method, [ForwarderError.Request]);

        Assert.Equal(2, attempts);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task A_write_is_never_tried_again_and_gets_503_with_problem_details(string method)
    {
        var (context, attempts) = await ForwardAsync(method, [ForwarderError.Request]);

        Assert.Equal(1, attempts);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
    }

    [Fact]
    public async Task A_read_whose_backend_failed_while_answering_is_not_tried_again()
    {
        var (context, attempts) = await ForwardAsync("GET", [ForwarderError.ResponseBodyDestination]);

        Assert.Equal(1, attempts);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_read_that_fails_twice_gets_503_after_its_second_try()
    {
        var (context, attempts) = await ForwardAsync("GET", [ForwarderError.Request, ForwarderError.NoAvailableDestinations]);

        Assert.Equal(2, attempts);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_browser_asking_for_a_portal_page_while_the_portal_is_down_gets_an_html_page_that_says_so()
    {
        var (context, _) = await ForwardAsync("GET", [ForwarderError.Request, ForwarderError.Request], "/directory", "text/html,application/xhtml+xml");

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.StartsWith("text/html", context.Response.ContentType);
        context.Response.Body.Position = 0;
        Assert.Contains("temporarily unavailable", await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_api_path_gets_problem_details_even_from_a_browser()
    {
        var (context, _) = await ForwardAsync("GET", [ForwarderError.Request, ForwarderError.Request], "/api/directory/v1/institutions",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        Assert.StartsWith("application/problem+json", context.Response.ContentType);
    }

    /// <summary>Runs the middleware over a "proxy" that fails with the given errors, one per attempt, then succeeds.</summary>
    private static async Task<(HttpContext Context, int Attempts)> ForwardAsync(string method, ForwarderError[] failures, string path = "", string? accept = null)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Path = path;
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }
        context.Response.Body = new MemoryStream();
        var attempts = 0;
        var middleware = new ProxyFailureMiddleware(next =>
        {
            if (attempts++ < failures.Length)
            {
                next.Features.Set<IForwarderErrorFeature>(new Failure(failures[attempts - 1]));
                next.Response.StatusCode = StatusCodes.Status502BadGateway;
            }
            return Task.CompletedTask;
        }, services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProxyFailureMiddleware>.Instance);

        await middleware.InvokeAsync(context);
        return (context, attempts);
    }

    private sealed record Failure(ForwarderError Error) : IForwarderErrorFeature
    {
        public Exception? Exception => null;
    }
}
