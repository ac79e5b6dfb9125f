using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace CooperationPlatform.ServiceDefaults.Tests.Support;

/// <summary>
/// A test class's own application on real Kestrel, on a free loopback port, in Production (so no developer pages hide what a client
/// would get): by default with the service defaults every host of the platform has, serving what the class maps.
/// </summary>
public abstract class LoopbackAppTests : IAsyncLifetime
{
    protected WebApplication App { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    protected virtual string? ApplicationName => null;

    protected virtual void Configure(WebApplicationBuilder builder) => builder.AddServiceDefaults();

    protected abstract void Map(WebApplication app);

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ApplicationName = ApplicationName });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        Configure(builder);
        App = builder.Build();
        Map(App);
        await App.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(App.Urls.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
