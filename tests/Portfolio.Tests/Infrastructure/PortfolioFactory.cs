using System.Net.Http.Headers;
using System.Net.Http.Json;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Portfolio.Tests.Infrastructure;

/// <summary>
/// The portfolio service in-process on its own fresh database, with the real Redis and RabbitMQ of the assembly. Its queues get a
/// name of their own, so several factories running at once each receive every directory message.
/// </summary>
public sealed class PortfolioFactory(InfrastructureFixture infrastructure) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ClientId = "partner-a";
    private string _database = "";

    public string ServiceName { get; } = "portfolio-test-" + Guid.NewGuid().ToString("N")[..8];
    public InfrastructureFixture Infrastructure => infrastructure;

    public async ValueTask InitializeAsync()
    {
        _database = await infrastructure.CreateDatabaseAsync("portfolio");
        // Starts the host: migrations run and the search index loads before the first request.
        _ = Services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:portfoliodb", _database);
        builder.UseSetting("ConnectionStrings:cache", infrastructure.RedisConnectionString);
        builder.UseSetting("ConnectionStrings:messaging", infrastructure.RabbitMqConnectionString);
        builder.UseSetting("Messaging:ServiceName", ServiceName);
        builder.UseSetting("Messaging:Consumers:RetryMinInterval", "00:00:00.050");
        foreach (var (key, value) in TestTokens.ServiceConfiguration)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client with a token for <paramref name="clientId"/> carrying <paramref name="scopes"/> (portfolio.write by default).</summary>
    /// <remarks>
    /// Without redirects: the default client's redirect handler copies every POST and PUT body into two memory streams so it can
    /// resend it, which would hold a streamed import file in the test process and hide whether the service streams it.
    /// The API never redirects.
    /// </remarks>
    public HttpClient CreateClient(string clientId, params string[] scopes)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestTokens.Create(clientId, scopes.Length > 0 ? scopes : [PlatformScopes.PortfolioWrite]));
        return client;
    }

    public HttpClient CreateWriter() => CreateClient(ClientId);

    /// <summary>Puts institutions straight into the replica, for tests about projects rather than about the replica itself.</summary>
    public Task<Guid[]> AddInstitutionsAsync(params string[] names) =>
        AddInstitutionsAsync([.. names.Select(name => (Guid.CreateVersion7(), name, InstitutionType.ResearchOrTrainingCentre))]);

    public async Task<Guid[]> AddInstitutionsAsync(params (Guid Id, string Name, InstitutionType Type)[] institutions)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDbContext>();
        db.Institutions.AddRange(institutions.Select(i => new Institution
        {
            Id = i.Id,
            Name = i.Name,
            Type = i.Type,
            SourceVersion = 1,
            UpdatedAt = DateTimeOffset.UtcNow,
        }));
        await db.SaveChangesAsync();
        return [.. institutions.Select(i => i.Id)];
    }

    public async Task<T> WithDbAsync<T>(Func<PortfolioDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortfolioDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public static class HttpJson
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiDefaults.JsonOptions))!;

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PostAsJsonAsync(path, body, ApiDefaults.JsonOptions);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string path, T body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: ApiDefaults.JsonOptions) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ApiDefaults.JsonOptions) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }
}
