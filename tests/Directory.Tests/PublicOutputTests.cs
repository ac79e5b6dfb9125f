using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

/// <summary>What the directory shows to whom, and what its CSV import refuses rather than reads wrongly.</summary>
public sealed class PublicOutputTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Contact_points_are_shown_to_the_owner_client_and_platform_admins_and_left_out_for_anyone_else()
    {
        var request = DirectoryClient.Institution(HttpCalls.Unique("Regional Centre for Renewable Energy")) with
        {
            ContactPoints = [new ContactPointDto("Ms. Song Bo", "Programme officer", "song.bo@example.org", "+86 10 5555 0100")],
        };
        var (created, _) = await service.Writer.CreateAsync(request);
        var path = $"{DirectoryClient.Base}/institutions/{created.Id}";
        using var other = service.Client(DirectoryFactory.OtherClientId, PlatformScopes.DirectoryWrite);
        using var admin = service.Client("platform-operator", PlatformScopes.PlatformAdmin);

        var anonymous = await RawAsync(service.Anonymous, path);
        var otherPartner = await RawAsync(other, path);
        var owner = await RawAsync(service.Writer, path);
        var platformAdmin = await RawAsync(admin, path);

        Assert.False(anonymous.TryGetProperty("contactPoints", out _), anonymous.ToString());
        Assert.False(otherPartner.TryGetProperty("contactPoints", out _), otherPartner.ToString());
        Assert.Equal("song.bo@example.org", owner.GetProperty("contactPoints")[0].GetProperty("email").GetString());
        Assert.Equal("+86 10 5555 0100", platformAdmin.GetProperty("contactPoints")[0].GetProperty("phone").GetString());
        Assert.DoesNotContain("song.bo@example.org", anonymous.ToString());
    }

    [Fact]
    public async Task A_network_read_by_anyone_leaves_out_its_contact_points()
    {
        var request = DirectoryClient.Institution(HttpCalls.Unique("South-South Cities Network"), type: Contracts.Model.InstitutionType.Network) with
        {
            ContactPoints = [new ContactPointDto("Mr. Li Wei", null, "li.wei@example.org", null)],
        };
        var (network, _) = await service.Writer.CreateAsync(request);

        var anonymous = await RawAsync(service.Anonymous, $"{DirectoryClient.Base}/networks/{network.Id}");

        Assert.DoesNotContain("li.wei@example.org", anonymous.ToString());
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public async Task A_csv_import_with_bytes_that_are_not_utf8_is_refused_with_a_400_naming_the_line(byte[] invalid)
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var head = Encoding.UTF8.GetBytes($"name,type,country,description\nValid {marker},research-or-training-centre,CHN,{marker}\nBroken ");
        var tail = Encoding.UTF8.GetBytes($" {marker},research-or-training-centre,CHN,{marker}\n");
        var content = new ByteArrayContent([.. head, .. invalid, .. tail]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await service.Writer.PostAsync($"{DirectoryClient.Base}/institutions/import?mode=commit", content, Cancellation);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Line 3 is not valid UTF-8; save the file as UTF-8 and send it again.", Assert.Single(problem.Errors!["body"]));
        Assert.Equal(0, await service.WithDbAsync(db => Task.FromResult(db.Institutions.Count(i => i.Description == marker))));
    }

    [Fact]
    public async Task A_csv_import_starting_with_a_byte_order_mark_and_holding_multibyte_characters_is_read()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var csv = $"\uFEFFname,type,country,description\n\"中国南南合作网络 {marker}\",network-secretariat,CHN,{marker}\n";

        using var response = await service.Writer.PostAsync($"{DirectoryClient.Base}/institutions/import?mode=dry-run",
            new StringContent(csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), "text/csv"), Cancellation);

        var report = await response.ReadAsync<ImportReport>();
        Assert.Equal(1, report.Created);
    }

    private static async Task<JsonElement> RawAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
