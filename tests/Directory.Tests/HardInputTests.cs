using System.Net;
using System.Text;
using System.Text.Json;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

/// <summary>Input that once answered 500 or named a .NET type (issue 23): each is now a 400 that names the field in plain words.</summary>
public sealed class HardInputTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private const string Root = "/api/directory/v1";

    private async Task<(HttpStatusCode Status, JsonElement Body, string Text)> SendAsync(HttpMethod method, string path, string? body = null,
        string type = "application/json")
    {
        using var request = new HttpRequestMessage(method, Root + path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, type);
        }
        using var response = await service.Writer.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    private static Dictionary<string, string[]> Errors(JsonElement problem) => problem.GetProperty("errors").EnumerateObject()
        .ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());

    [Theory]
    [InlineData("/institutions?q=a%00b", "q")]
    [InlineData("/institutions?country=a%1Fb", "country")]
    [InlineData("/listings?q=%00", "q")]
    public async Task A_control_character_in_a_query_is_refused_naming_the_parameter(string path, string parameter)
    {
        var (status, problem, _) = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([parameter], Errors(problem).Keys);
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_is_refused_in_plain_words()
    {
        var (status, problem, text) = await SendAsync(HttpMethod.Get, "/institutions?sdg=abc");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("whole number", Assert.Single(Errors(problem)["sdg"]));
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("int[]", text);
    }

    [Fact]
    public async Task A_body_value_of_the_wrong_type_is_refused_listing_what_is_expected()
    {
        var (status, problem, text) = await SendAsync(HttpMethod.Post, "/institutions", """{"name":"Typed","type":5}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("research-or-training-centre", Assert.Single(Errors(problem)["type"]));
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("Nullable", text);
    }

    [Fact]
    public async Task A_nul_in_a_body_string_is_refused_naming_the_field()
    {
        var (status, problem, _) = await SendAsync(HttpMethod.Post, "/institutions",
            """{"name":"Nul","type":"ngo-or-academia","contactPoints":[{"name":"a\u0000b"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["contactPoints[0].name"], Errors(problem).Keys);
    }

    [Fact]
    public async Task A_line_break_is_refused_in_a_name_but_accepted_in_a_description()
    {
        var marker = Guid.NewGuid().ToString("N");
        var (refused, problem, _) = await SendAsync(HttpMethod.Post, "/institutions", $$"""{"name":"Two\nlines {{marker}}","type":"ngo-or-academia"}""");
        var (accepted, _, _) = await SendAsync(HttpMethod.Post, "/institutions",
            $$"""{"name":"One line {{marker}}","type":"ngo-or-academia","description":"Two\nlines,\ttabbed."}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(["name"], Errors(problem).Keys);
        Assert.Equal(HttpStatusCode.Created, accepted);
    }

    [Fact]
    public async Task A_csv_dry_run_names_the_row_and_column_of_a_control_character()
    {
        var marker = Guid.NewGuid().ToString("N");
        var csv = $"name,type,city\nFine {marker},ngo-or-academia,Lima\n\"Nul\0{marker}\",ngo-or-academia,Lima\nCity {marker},ngo-or-academia,\"a\u0007b\"\n";

        var (status, report, _) = await SendAsync(HttpMethod.Post, "/institutions/import?mode=dry-run", csv, "text/csv");

        Assert.Equal(HttpStatusCode.OK, status);
        var invalid = report.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("outcome").GetString() == "invalid")
            .Select(r => (Row: r.GetProperty("row").GetInt32(), Columns: string.Join(",", Errors(r).Keys))).ToList();
        Assert.Equal([(2, "name"), (3, "city")], invalid);
    }
}
