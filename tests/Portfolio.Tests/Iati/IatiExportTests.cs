using System.Net;
using System.Xml.Linq;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Portfolio.Tests.Iati;

public sealed class IatiExportTests(PortfolioFactory factory) : IClassFixture<PortfolioFactory>
{
    private static readonly XNamespace Cp = "urn:cooperation-platform:iati-extension:1";
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_project_exports_valid_iati_with_each_fact_in_its_standard_place()
    {
        var ids = await factory.AddInstitutionsAsync(Requests.Unique("Pérez-Guerrero Trust Fund"), "Freshwater Fisheries Research Center");
        using var client = factory.CreateWriter();
        var created = await (await client.PostJsonAsync(Requests.Projects, Requests.Full(ids[0], ids[1]))).ReadAsync<ProjectResponse>(HttpStatusCode.Created);

        var response = await client.GetAsync($"{Requests.Projects}/{created.Id}/iati", Cancellation);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsByteArrayAsync(Cancellation);
        Assert.Empty(IatiSchema.Validate(new MemoryStream(xml)));
        var activity = XDocument.Load(new MemoryStream(xml)).Root!.Element("iati-activity")!;
        Assert.Equal(created.IatiIdentifier, activity.Element("iati-identifier")!.Value);
        Assert.Equal(["1", "4"], activity.Elements("participating-org").Select(o => (string)o.Attribute("role")!).Order());
        Assert.Equal("pivotal", (string?)activity.Element(Cp + "triangular-role")!.Attribute("role"));
        Assert.Equal("2", (string?)activity.Element("activity-status")!.Attribute("code"));
        Assert.Equal(["1", "3"], activity.Elements("activity-date").Select(d => (string)d.Attribute("type")!));
        Assert.Equal("2016-03-01", (string?)activity.Elements("activity-date").First().Attribute("iso-date"));
        Assert.Equal("2016-03", activity.Elements("activity-date").First().Element("narrative")!.Value);
        Assert.Equal("2019-12-31", (string?)activity.Elements("activity-date").Last().Attribute("iso-date"));
        Assert.Equal([("VN", "60"), ("LK", "40")], activity.Elements("recipient-country").Select(c => ((string)c.Attribute("code")!, (string)c.Attribute("percentage")!)));
        Assert.Contains(activity.Elements("sector"), s => (string?)s.Attribute("vocabulary") == "1" && (string?)s.Attribute("code") == "31310");
        Assert.Contains(activity.Elements("tag"), t => (string?)t.Attribute("vocabulary") == "2" && (string?)t.Attribute("code") == "14");
        Assert.Contains(activity.Elements("tag"), t => (string?)t.Attribute("vocabulary") == "3" && (string?)t.Attribute("code") == "2.a");
        Assert.Equal("1", (string?)activity.Element("collaboration-type")!.Attribute("code"));
        Assert.Equal("1", (string?)activity.Element("policy-marker")!.Attribute("significance"));
        Assert.Equal("250000", activity.Element("budget")!.Element("value")!.Value);
        Assert.Equal(2, activity.Elements("transaction").Count(t => (string?)t.Element("transaction-type")!.Attribute("code") == "11"));
        Assert.Equal("2", (string?)activity.Element("result")!.Attribute("type"));
    }

    [Fact]
    public async Task A_project_with_only_a_title_still_exports_valid_iati_with_placeholders_marked()
    {
        using var client = factory.CreateWriter();
        var created = await (await client.PostJsonAsync(Requests.Projects, new ProjectRequest { Title = "Spirulina in developing countries" })).ReadAsync<ProjectResponse>(HttpStatusCode.Created);

        var xml = await client.GetByteArrayAsync($"{Requests.Projects}/{created.Id}/iati", Cancellation);

        Assert.Empty(IatiSchema.Validate(new MemoryStream(xml)));
        var activity = XDocument.Load(new MemoryStream(xml)).Root!.Element("iati-activity")!;
        foreach (var required in new[] { "description", "participating-org", "activity-status", "activity-date" })
        {
            Assert.Equal("true", (string?)activity.Element(required)!.Attribute(Cp + "placeholder"));
        }
    }

    [Fact]
    public async Task The_bulk_export_holds_every_project_and_is_valid()
    {
        var ids = await factory.AddInstitutionsAsync(Requests.Unique("Funder"), Requests.Unique("Implementer"));
        using var client = factory.CreateWriter();
        for (var i = 0; i < 30; i++)
        {
            await (await client.PostJsonAsync(Requests.Projects, i % 2 == 0 ? Requests.Full(ids[0], ids[1]) : new ProjectRequest { Title = $"Bulk {i}" }))
                .AssertStatusAsync(HttpStatusCode.Created);
        }
        var expected = await factory.WithDbAsync(db => Task.FromResult(db.Projects.Count()));

        using var response = await client.GetAsync("/api/portfolio/v1/iati/activities", HttpCompletionOption.ResponseHeadersRead, Cancellation);
        var xml = await response.Content.ReadAsByteArrayAsync(Cancellation);

        Assert.Empty(IatiSchema.Validate(new MemoryStream(xml)));
        Assert.Equal(expected, XDocument.Load(new MemoryStream(xml)).Root!.Elements("iati-activity").Count());
    }
}
