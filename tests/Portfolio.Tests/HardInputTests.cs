using System.Net;
using System.Text;
using System.Text.Json;
using CooperationPlatform.Portfolio.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Portfolio.Tests;

/// <summary>Input that once answered 500 (issue 23, "No input reaches a 5xx"): each is now a 400 or a failed row naming the field.</summary>
public sealed class HardInputTests(PortfolioFactory service) : IClassFixture<PortfolioFactory>
{
    private const string Root = "/api/portfolio/v1";
    private const string DecimalMax = "79228162514264337593543950335";

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? body = null, string type = "application/json")
    {
        using var writer = service.CreateWriter();
        using var request = new HttpRequestMessage(method, Root + path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, type);
        }
        using var response = await writer.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone());
    }

    private static string[] Fields(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];

    [Fact]
    public async Task A_control_character_in_a_title_is_refused_naming_the_title()
    {
        var (status, problem) = await SendAsync(HttpMethod.Post, "/projects", """{"title":"Solar \u0001 pumps"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("title", Fields(problem));
    }

    [Fact]
    public async Task A_line_break_is_refused_in_a_title_but_kept_in_a_summary()
    {
        var (status, problem) = await SendAsync(HttpMethod.Post, "/projects", """{"title":"Solar\npumps","summary":"First line.\nSecond line."}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["title"], Fields(problem));
    }

    [Fact]
    public async Task Commitments_of_decimals_maximum_are_refused_as_out_of_range_instead_of_overflowing()
    {
        var funder = (await service.AddInstitutionsAsync($"Fund {Guid.NewGuid():N}"))[0];
        var body = $$"""
            {"title":"Huge commitments","partners":[{"institutionId":"{{funder}}","roles":["funding"]}],
             "commitments":[{"institutionId":"{{funder}}","amount":{{DecimalMax}},"currency":"USD"},
                            {"institutionId":"{{funder}}","amount":{{DecimalMax}},"currency":"USD"}]}
            """;

        var (status, problem) = await SendAsync(HttpMethod.Post, "/projects", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["commitments[0].amount", "commitments[1].amount"], Fields(problem).Order());
    }

    [Fact]
    public async Task A_percentage_beyond_100_is_refused_naming_it_and_is_not_summed()
    {
        var (status, problem) = await SendAsync(HttpMethod.Post, "/projects",
            """{"title":"Shares","countries":[{"country":"IDN","percentage":7.9e28},{"country":"VNM","percentage":7.9e28}],"regions":[{"region":"142","percentage":7.9e28}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["countries[0].percentage", "countries[1].percentage", "regions[0].percentage"], Fields(problem).Order());
    }

    [Theory]
    [InlineData("/projects?q=a%00b")]
    [InlineData("/institutions?q=a%00b")]
    [InlineData("/projects?q=a%01b")]
    public async Task A_control_character_in_a_query_is_refused_naming_the_parameter(string path)
    {
        var (status, problem) = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["q"], Fields(problem));
    }

    [Fact]
    public async Task A_csv_dry_run_with_a_huge_commitment_fails_only_that_row()
    {
        var funder = $"Fund {Guid.NewGuid():N}";
        await service.AddInstitutionsAsync(funder);
        var csv = $"title,partners,commitments\nHuge,{funder}|funding,{funder}|{DecimalMax}|USD\nFine,,\n";

        var (status, report) = await SendAsync(HttpMethod.Post, "/csv/imports?mode=dry-run", csv, "text/csv");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2, 1), (report.GetProperty("records").GetInt32(), report.GetProperty("failed").GetInt32()));
        var failed = report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("outcome").GetString() == "failed");
        Assert.Equal(0, failed.GetProperty("index").GetInt32());
        Assert.Contains("commitments[0].amount", failed.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task A_csv_commit_with_a_nul_in_a_cell_fails_that_row_naming_the_column()
    {
        var csv = $"title,summary\n\"Nul\0title {Guid.NewGuid():N}\",fine\nFine {Guid.NewGuid():N},\"a\u0002b\"\n";

        var (status, report) = await SendAsync(HttpMethod.Post, "/csv/imports?mode=commit", csv, "text/csv");

        Assert.Equal(HttpStatusCode.OK, status);
        var items = report.GetProperty("items").EnumerateArray().OrderBy(i => i.GetProperty("index").GetInt32()).ToList();
        Assert.Equal(2, report.GetProperty("failed").GetInt32());
        Assert.Contains("title", items[0].GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("summary", items[1].GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }
}
