using System.Globalization;
using CooperationPlatform.Portal.Api;
using CooperationPlatform.Portal.Components;
using CooperationPlatform.Portal.Localization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CooperationPlatform.Portal;

public static class PortalExtensions
{
    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Portal").Get<PortalOptions>() ?? new PortalOptions();
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddRazorComponents();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<ReferenceData>();
        builder.Services.AddScoped<Ui>();

        // One short budget per call: a page waits at most TimeoutSeconds for a section, then says it is unavailable. One retry, soon,
        // for a request that failed on the way (the gateway retries its own hop too).
        var total = TimeSpan.FromSeconds(options.TimeoutSeconds);
#pragma warning disable EXTEXP0001 // the one way to replace the standard handler that ConfigureHttpClientDefaults adds
        builder.Services.AddHttpClient<PortalApi>(PortalApi.HttpClientName, client => client.BaseAddress = new Uri(options.Gateway))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.TotalRequestTimeout.Timeout = total;
                resilience.AttemptTimeout.Timeout = total / 2;
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(100);
                resilience.CircuitBreaker.SamplingDuration = total * 2 > TimeSpan.FromSeconds(10) ? total * 2 : TimeSpan.FromSeconds(10);
                // One circuit guards every call to the gateway: it opens only when the gateway itself cannot be reached. A service
                // behind it that is down answers a fast 503 (the gateway's own health checks), which must not cut off the others.
                resilience.CircuitBreaker.ShouldHandle = arguments =>
                    ValueTask.FromResult(arguments.Outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException);
            });
#pragma warning restore EXTEXP0001

        builder.Services.AddOutputCache(cache => cache.AddPolicy(PageResponse.OutputCachePolicy, policy => policy
            .Expire(TimeSpan.FromSeconds(options.PageCacheSeconds))
            .SetVaryByQuery("*")
            .VaryByValue(_ => new KeyValuePair<string, string>("lang", CultureInfo.CurrentUICulture.Name))));
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        app.UsePageHeaders(options.PageCacheSeconds);
        app.UseRequestLocalization(LanguageSelection.Options());
        app.UseLanguageCookie();
        // Before the error page: its re-execution must not pass the output cache a second time (it allows one per request).
        app.UseOutputCache();
        // Never a stack trace: an unhandled exception renders the error page (500). An unknown address is the catch-all 404 page
        // (Pages/NotFound.razor); a page that misses its data sets its status and says why (PageResponse.SetStatus).
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().CacheOutput(PageResponse.OutputCachePolicy);
        return app;
    }
}
