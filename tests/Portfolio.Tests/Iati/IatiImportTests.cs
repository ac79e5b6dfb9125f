using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Imports;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.Portfolio.Tests.Support;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Portfolio.Tests.Iati;

[Collection(MemoryMeasuredCollection.Name)]
public sealed class IatiImportTests(PortfolioFactory factory, InfrastructureFixture infrastructure) : IClassFixture<PortfolioFactory>
{
    private const string Imports = "/api/portfolio/v1/iati/imports";
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void The_schema_check_used_here_rejects_an_activity_missing_what_iati_requires()
    {
        const string missingStatus = """
            <iati-activities version="2.03"><iati-activity><iati-identifier>XI-X-1</iati-identifier>
            <reporting-org ref="XI-X" type="90"><narrative>X</narrative></reporting-org><title><narrative>T</narrative></title>
            <description><narrative>D</narrative></description><participating-org role="1"/>
            <activity-date type="1" iso-date="2020-01-01"/></iati-activity></iati-activities>
            """;

        Assert.NotEmpty(IatiSchema.Validate(new MemoryStream(Encoding.UTF8.GetBytes(missingStatus))));
    }

    [Fact]
    public async Task Exporting_then_importing_into_an_empty_portfolio_gives_the_same_project()
    {
        var funder = (Guid.CreateVersion7(), "Pérez-Guerrero Trust Fund", InstitutionType.TrustFund);
        var implementer = (Guid.CreateVersion7(), "National Bamboo Research Center", InstitutionType.ResearchOrTrainingCentre);
        await factory.AddInstitutionsAsync(funder, implementer);
        using var client = factory.CreateWriter();
        var request = Requests.Full(funder.Item1, implementer.Item1) with
        {
            ActualStart = PartialDate.Parse("1995-09"),
            ActualEnd = PartialDate.Parse("2020"),
            Regions = [new RegionShare("142", null)],
            Countries = [new CountryShare("IDN", null), new CountryShare("VNM", null)],
            Scopes = [GeographicScope.Global, GeographicScope.Regional],
            Modality = ProjectModality.SouthSouthWithMultilateralFacilitator,
            Status = null,
            OriginatingEventId = Guid.CreateVersion7(),
            Translations = [new ProjectTranslation("zh", "中国南南合作网络", "利用与各利益攸关方的伙伴关系"), new ProjectTranslation("fr", null, "Résumé")],
            Results = [new ProjectResult(ResultType.Outcome, "Policymakers share a vision.", null), new ProjectResult(ResultType.Impact, "Parcs industriels verts.", "fr")],
        };
        var original = await (await client.PostJsonAsync(Requests.Projects, request)).ReadAsync<ProjectResponse>(HttpStatusCode.Created);
        var xml = await client.GetByteArrayAsync($"{Requests.Projects}/{original.Id}/iati", Cancellation);

        await using var empty = new PortfolioFactory(infrastructure);
        await empty.InitializeAsync();
        await empty.AddInstitutionsAsync(funder, implementer);
        using var other = empty.CreateWriter();
        var report = await (await other.PostAsync($"{Imports}?mode=commit", Xml(xml), Cancellation)).ReadAsync<ImportReport>();

        Assert.Equal(1, report.Created);
        var imported = await (await other.GetAsync($"{Requests.Projects}/{original.Id}", Cancellation)).ReadAsync<ProjectResponse>();
        Assert.Equal(Comparable(original), Comparable(imported));
    }

    [Fact]
    public async Task Importing_an_export_back_changes_nothing()
    {
        var ids = await factory.AddInstitutionsAsync(Requests.Unique("Funder"), Requests.Unique("Implementer"));
        using var client = factory.CreateWriter();
        var original = await (await client.PostJsonAsync(Requests.Projects, Requests.Full(ids[0], ids[1]))).ReadAsync<ProjectResponse>(HttpStatusCode.Created);
        var xml = await client.GetByteArrayAsync($"{Requests.Projects}/{original.Id}/iati", Cancellation);

        var report = await (await client.PostAsync($"{Imports}?mode=commit", Xml(xml), Cancellation)).ReadAsync<ImportReport>();

        Assert.Equal(1, report.Unchanged);
        var after = await (await client.GetAsync($"{Requests.Projects}/{original.Id}", Cancellation)).ReadAsync<ProjectResponse>();
        Assert.Equal(original.Version, after.Version);
    }

    [Fact]
    public async Task A_dry_run_reports_each_activity_and_changes_nothing()
    {
        var (identifier, xml) = Activities(
            Activity("A", title: "New from the file"),
            Activity("B", title: "", status: "9"),
            Activity("C", title: "Funded by a stranger", organisation: ("1", "Nobody Known Fund")));
        using var client = factory.CreateWriter();
        var before = await factory.WithDbAsync(db => Task.FromResult(db.Projects.Count()));

        var response = await client.PostAsync(Imports, Xml(xml), Cancellation);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var report = await response.ReadAsync<ImportReport>();
        Assert.Equal(ImportMode.DryRun, report.Mode);
        Assert.Equal((3, 1, 2), (report.Records, report.Created, report.Failed));
        var failed = report.Items.Single(i => i.IatiIdentifier == identifier("B"));
        Assert.Contains("activity-status/@code", failed.Errors.Keys);
        Assert.Contains("title", failed.Errors.Keys);
        var unknown = Assert.Single(report.UnknownOrganisations);
        Assert.Equal(("Nobody Known Fund", 2), (unknown.Name, unknown.Index));
        Assert.Equal(before, await factory.WithDbAsync(db => Task.FromResult(db.Projects.Count())));
    }

    [Fact]
    public async Task A_commit_upserts_on_the_iati_identifier()
    {
        using var client = factory.CreateWriter();
        var (identifier, first) = Activities(Activity("A", title: "Rural drinking water"), Activity("B", title: "Biogas digesters"));
        await (await client.PostAsync($"{Imports}?mode=commit", Xml(first), Cancellation)).AssertStatusAsync(HttpStatusCode.OK);
        var prefix = identifier("");
        var (_, second) = Activities(prefix, Activity("A", title: "Integrated solutions to drinking water safety in rural areas"), Activity("C", title: "E-government"));

        var report = await (await client.PostAsync($"{Imports}?mode=commit", Xml(second), Cancellation)).ReadAsync<ImportReport>();

        Assert.Equal((1, 1, 0), (report.Created, report.Updated, report.Failed));
        var titles = await factory.WithDbAsync(db => Task.FromResult(db.Projects.Where(p => p.IatiIdentifier.StartsWith(prefix))
            .OrderBy(p => p.IatiIdentifier).Select(p => p.Title).ToList()));
        Assert.Equal(["Integrated solutions to drinking water safety in rural areas", "Biogas digesters", "E-government"], titles);
    }

    [Fact]
    public async Task Sdgs_reported_as_sectors_of_vocabulary_7_and_8_are_read_like_sdg_tags()
    {
        var activity = Activity("A", title: "Rural drinking water");
        activity.Add(
            new XElement("sector", new XAttribute("vocabulary", "7"), new XAttribute("code", "6")),
            new XElement("sector", new XAttribute("vocabulary", "8"), new XAttribute("code", "6.1")),
            new XElement("tag", new XAttribute("vocabulary", "2"), new XAttribute("code", "6")),
            new XElement("sector", new XAttribute("vocabulary", "8"), new XAttribute("code", "3.9")));
        var (identifier, xml) = Activities(activity);
        using var client = factory.CreateWriter();

        var report = await (await client.PostAsync($"{Imports}?mode=commit", Xml(xml), Cancellation)).ReadAsync<ImportReport>();

        Assert.Equal(1, report.Created);
        Assert.DoesNotContain(report.Items.Single().Warnings, w => w.StartsWith("Sector", StringComparison.Ordinal));
        var sdgs = await factory.WithDbAsync(db => Task.FromResult(db.Projects.Single(p => p.IatiIdentifier == identifier("A")).Sdgs));
        Assert.Equal([(6, true, "6.1"), (3, false, "3.9")], sdgs.Select(s => (s.Goal, s.Primary, string.Join(' ', s.Targets))));
    }

    [Fact]
    public async Task An_invalid_status_transition_in_an_import_fails_that_activity_only()
    {
        using var client = factory.CreateWriter();
        var (identifier, first) = Activities(Activity("A", title: "Closed project", status: "4"));
        await (await client.PostAsync($"{Imports}?mode=commit", Xml(first), Cancellation)).AssertStatusAsync(HttpStatusCode.OK);
        var (_, second) = Activities(identifier(""), Activity("A", title: "Closed project", status: "2"), Activity("B", title: "Another"));

        var report = await (await client.PostAsync($"{Imports}?mode=commit", Xml(second), Cancellation)).ReadAsync<ImportReport>();

        Assert.Equal((1, 1), (report.Created, report.Failed));
        Assert.Contains("cannot go from 'closed'", report.Items.Single(i => i.Outcome == ImportOutcome.Failed).Errors["project"][0]);
    }

    public static TheoryData<string> HostileDocuments => new()
    {
        // A billion laughs: entities expanding exponentially.
        """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><iati-activities version="2.03">&lol3;</iati-activities>""",
        // An external entity reading a local file.
        """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]><iati-activities version="2.03"><iati-activity><iati-identifier>&secret;</iati-identifier></iati-activity></iati-activities>""",
        """<iati-activities version="2.03"><iati-activity><iati-identifier>x</iati-identifier></iati-activities>""",
        """<not-iati/>""",
        "",
    };

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task Malformed_or_hostile_xml_is_refused_with_a_400(string document)
    {
        using var client = factory.CreateWriter();

        var response = await client.PostAsync($"{Imports}?mode=commit", Xml(Encoding.UTF8.GetBytes(document)), Cancellation);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task A_file_broken_after_valid_activities_commits_none_of_them()
    {
        using var client = factory.CreateWriter();
        var (identifier, xml) = Activities(Activity("A", title: "Valid before the break"));
        var broken = Encoding.UTF8.GetString(xml).Replace("</iati-activities>", "<iati-activity><iati-identifier>oops</iati-activity>");

        var response = await client.PostAsync($"{Imports}?mode=commit", Xml(Encoding.UTF8.GetBytes(broken)), Cancellation);

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.False(await factory.WithDbAsync(db => Task.FromResult(db.Projects.Any(p => p.IatiIdentifier == identifier("A")))));
    }

    [Fact]
    public async Task An_activity_larger_than_the_limit_is_refused()
    {
        using var client = factory.CreateWriter();
        var huge = new string('x', 5 * 1024 * 1024);
        var (_, xml) = Activities(Activity("A", title: "Huge", summary: huge));

        var response = await client.PostAsync(Imports, Xml(xml), Cancellation);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task A_large_file_is_read_as_a_stream_without_holding_it_in_memory()
    {
        using var client = factory.CreateWriter();
        // This test is about memory; a 30 MB import on a busy CI machine may take longer than HttpClient's default 100 s.
        client.Timeout = Timeout.InfiniteTimeSpan;
        const int activities = 2000;
        var summary = new string('s', 16_000);
        // Warm up first, so that what the first import of the process compiles and caches does not count as its memory.
        await client.PostAsync(Imports, Xml(Activities(Activity("warm-up", title: "Warm-up")).Xml), Cancellation);
        var prefix = $"XI-STREAM-{Guid.NewGuid():N}-";
        long fileBytes = 0;
        var content = new StreamedContent(async stream =>
        {
            await using var counting = new CountingStream(stream, n => fileBytes += n);
            await using var writer = new StreamWriter(counting, new UTF8Encoding(false), 64 * 1024);
            await writer.WriteAsync("<iati-activities version=\"2.03\">");
            for (var i = 0; i < activities; i++)
            {
                await writer.WriteAsync(Activity($"{i}", title: $"Streamed {i}", summary: summary).ToString(SaveOptions.DisableFormatting).Replace("PREFIX-", prefix));
            }
            await writer.WriteAsync("</iati-activities>");
        }, "application/xml").WithType();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                // Live memory: collected first, so garbage not yet collected does not count.
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(250);
            }
        }, Cancellation);

        var report = await (await client.PostAsync(Imports, content, Cancellation)).ReadAsync<ImportReport>();
        await sampling.CancelAsync();
        await sampler;

        Assert.Equal(activities, report.Created);
        Assert.True(fileBytes > 30_000_000, $"The file was only {fileBytes} bytes.");
        // The whole file as a string would take twice its size (UTF-16), as an XDocument more; the import holds one batch at a time.
        Assert.True(peak - baseline < fileBytes * 3 / 4, $"Managed memory grew by {(peak - baseline) / 1_000_000} MB for a {fileBytes / 1_000_000} MB file.");
    }

    private static object Comparable(ProjectResponse project) =>
        JsonSerializer.Serialize(project with { CreatedAt = default, UpdatedAt = default }, ApiDefaults.JsonOptions);

    private static ByteArrayContent Xml(byte[] xml)
    {
        var content = new ByteArrayContent(xml);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        return content;
    }

    private static XElement Activity(string key, string title, string? status = "2", (string Role, string Name)? organisation = null, string? summary = null) =>
        new("iati-activity",
            new XElement("iati-identifier", $"PREFIX-{key}"),
            new XElement("reporting-org", new XAttribute("ref", "XI-TEST"), new XAttribute("type", "90"), new XElement("narrative", "Test")),
            new XElement("title", new XElement("narrative", title)),
            new XElement("description", new XElement("narrative", summary ?? "A project from another publisher.")),
            organisation is { } org
                ? new XElement("participating-org", new XAttribute("role", org.Role), new XElement("narrative", org.Name))
                : new XElement("participating-org", new XAttribute("role", "4"), new XAttribute(XName.Get("placeholder", "urn:cooperation-platform:iati-extension:1"), "true")),
            new XElement("activity-status", new XAttribute("code", status ?? "2")),
            new XElement("activity-date", new XAttribute("type", "1"), new XAttribute("iso-date", "2020-01-01")));

    private static (Func<string, string> Identifier, byte[] Xml) Activities(params XElement[] activities) =>
        Activities($"XI-TEST-{Guid.NewGuid():N}-", activities);

    private static (Func<string, string> Identifier, byte[] Xml) Activities(string prefix, params XElement[] activities)
    {
        var document = new XElement("iati-activities", new XAttribute("version", "2.03"), activities);
        var text = document.ToString().Replace("PREFIX-", prefix);
        return (key => prefix + key, Encoding.UTF8.GetBytes(text));
    }

    private sealed class CountingStream(Stream inner, Action<int> counted) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            counted(count);
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            counted(buffer.Length);
            await inner.WriteAsync(buffer, cancellationToken);
        }
    }
}
