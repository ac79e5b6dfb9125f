using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CooperationPlatform.Portfolio.Iati;
using CooperationPlatform.Portfolio.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Portfolio.Tests.Iati;

/// <summary>
/// Reading an import stays linear in its size: nesting and the number of nodes per activity are capped, and a refusal says which
/// limit, and where, in the platform's words.
/// </summary>
public sealed class IatiImportLimitsTests(PortfolioFactory factory) : IClassFixture<PortfolioFactory>
{
    private const string DryRun = "/api/portfolio/v1/iati/imports?mode=dry-run";
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_activity_nesting_100000_elements_is_refused_with_a_400_naming_the_depth_limit_within_seconds()
    {
        using var client = factory.CreateWriter();
        var nested = string.Concat(Enumerable.Repeat("<narrative>", 100_000)) + "deep" + string.Concat(Enumerable.Repeat("</narrative>", 100_000));
        var document = Document($"<iati-activity><iati-identifier>XI-DEEP-1</iati-identifier><title>{nested}</title></iati-activity>");

        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync(DryRun, Xml(document), Cancellation);
        clock.Stop();

        var error = await BodyErrorAsync(response);
        Assert.Contains($"more than {IatiFileReader.MaxDepth} deep", error);
        Assert.Contains("line 1, position", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"The refusal took {clock.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task An_activity_nested_just_within_the_depth_limit_is_read()
    {
        using var client = factory.CreateWriter();
        // The activity is at depth 1 and its title at 2, so the deepest element allowed is the limit's last level.
        var levels = IatiFileReader.MaxDepth - 3;
        var nested = string.Concat(Enumerable.Repeat("<x>", levels)) + string.Concat(Enumerable.Repeat("</x>", levels));
        var document = Document($"<iati-activity><iati-identifier>XI-DEEP-2</iati-identifier><title><narrative>Deep but allowed</narrative>{nested}</title></iati-activity>");

        using var response = await client.PostAsync(DryRun, Xml(document), Cancellation);

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_activity_with_more_nodes_than_the_budget_is_refused_with_a_400_naming_the_budget()
    {
        using var client = factory.CreateWriter();
        var many = string.Concat(Enumerable.Repeat("<x/>", IatiFileReader.MaxActivityNodes + 1));
        var document = Document($"<iati-activity><iati-identifier>XI-WIDE-1</iati-identifier>{many}</iati-activity>");

        using var response = await client.PostAsync(DryRun, Xml(document), Cancellation);

        Assert.Contains($"more than {IatiFileReader.MaxActivityNodes:N0} elements", await BodyErrorAsync(response));
    }

    [Fact]
    public async Task A_refused_doctype_is_placed_by_line_and_position_in_the_platforms_own_words()
    {
        using var client = factory.CreateWriter();
        var document = "<?xml version=\"1.0\"?>\n<!-- exported -->\n  <!DOCTYPE iati-activities [<!ENTITY x \"y\">]>\n<iati-activities version=\"2.03\"/>";

        using var response = await client.PostAsync(DryRun, Xml(document), Cancellation);

        var error = await BodyErrorAsync(response);
        Assert.Contains("(line 3, position 3)", error);
        Assert.DoesNotContain("DtdProcessing", error);
        Assert.DoesNotContain("line 0", error);
    }

    [Fact]
    public async Task Malformed_xml_is_placed_by_line_and_position_once()
    {
        using var client = factory.CreateWriter();
        var document = "<iati-activities version=\"2.03\">\n<iati-activity>\n  <title></narrative></iati-activity></iati-activities>";

        using var response = await client.PostAsync(DryRun, Xml(document), Cancellation);

        var error = await BodyErrorAsync(response);
        Assert.StartsWith("The XML is not well-formed (line 3, position", error);
        Assert.DoesNotContain(". Line 3, position", error);
    }

    private static string Document(string activities) => $"<iati-activities version=\"2.03\">{activities}</iati-activities>";

    private static ByteArrayContent Xml(string document)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(document));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        return content;
    }

    /// <summary>The one error a 400 problem gives for the body.</summary>
    private static async Task<string> BodyErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.GetProperty("errors").GetProperty("body")[0].GetString()!;
    }
}
