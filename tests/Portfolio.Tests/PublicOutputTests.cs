using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Tests.Support;
using CooperationPlatform.Testing;
using CooperationPlatform.ServiceDefaults.Security;

namespace CooperationPlatform.Portfolio.Tests;

/// <summary>Projects are public, but which partner client owns one, and which client changed its status, are not.</summary>
public sealed class PublicOutputTests(PortfolioFactory factory) : IClassFixture<PortfolioFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_project_shows_its_owner_client_only_to_that_client_and_platform_admins()
    {
        using var owner = factory.CreateWriter();
        var created = await (await owner.PostJsonAsync(Requests.Projects, new ProjectRequest { Title = Requests.Unique("Solar irrigation pilots") }))
            .ReadAsync<ProjectResponse>(HttpStatusCode.Created);
        var path = $"{Requests.Projects}/{created.Id}";
        using var anonymous = factory.Client();
        using var other = factory.Client("partner-b", PlatformScopes.PortfolioWrite);
        using var admin = factory.Client("platform-operator", PlatformScopes.PlatformAdmin);

        Assert.False((await RawAsync(anonymous, path)).TryGetProperty("ownerClientId", out _));
        Assert.False((await RawAsync(other, path)).TryGetProperty("ownerClientId", out _));
        Assert.Equal(PortfolioFactory.ClientId, (await RawAsync(owner, path)).GetProperty("ownerClientId").GetString());
        Assert.Equal(PortfolioFactory.ClientId, (await RawAsync(admin, path)).GetProperty("ownerClientId").GetString());
    }

    [Fact]
    public async Task A_project_history_shows_which_client_changed_the_status_only_to_the_owner_and_platform_admins()
    {
        using var owner = factory.CreateWriter();
        var created = await (await owner.PostJsonAsync(Requests.Projects,
            new ProjectRequest { Title = Requests.Unique("Bamboo housing"), Status = ProjectStatus.Pipeline })).ReadAsync<ProjectResponse>(HttpStatusCode.Created);
        await (await owner.PostJsonAsync($"{Requests.Projects}/{created.Id}/status", new StatusChangeRequest(ProjectStatus.Implementation, "Funded"), "\"1\""))
            .AssertStatusAsync(HttpStatusCode.OK);
        var path = $"{Requests.Projects}/{created.Id}/history";
        using var anonymous = factory.Client();
        using var other = factory.Client("partner-b", PlatformScopes.PortfolioWrite);
        using var admin = factory.Client("platform-operator", PlatformScopes.PlatformAdmin);

        foreach (var stranger in new[] { anonymous, other })
        {
            var changes = (await RawAsync(stranger, path)).GetProperty("statusChanges").EnumerateArray().ToList();
            Assert.Equal(2, changes.Count);
            Assert.All(changes, change => Assert.False(change.TryGetProperty("clientId", out _), change.ToString()));
            Assert.Equal("Funded", changes[1].GetProperty("reason").GetString());
        }
        foreach (var allowed in new[] { owner, admin })
        {
            var changes = (await RawAsync(allowed, path)).GetProperty("statusChanges").EnumerateArray();
            Assert.All(changes, change => Assert.Equal(PortfolioFactory.ClientId, change.GetProperty("clientId").GetString()));
        }
    }

    [Fact]
    public async Task A_csv_import_with_bytes_that_are_not_utf8_is_refused_with_a_400_naming_the_line()
    {
        using var client = factory.CreateWriter();
        var marker = Guid.NewGuid().ToString("N");
        byte[] csv = [.. Encoding.UTF8.GetBytes($"title,summary\nValid {marker},fine\n\"Broken {marker}\",caf"), 0xE9, .. "\n"u8];
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await client.PostAsync("/api/portfolio/v1/csv/imports?mode=commit", content, Cancellation);

        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("Line 3 is not valid UTF-8; save the file as UTF-8 and send it again.",
            problem.RootElement.GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.False(await factory.WithDbAsync(db => Task.FromResult(db.Projects.Any(p => p.Title.Contains(marker)))));
    }

    private static async Task<JsonElement> RawAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
