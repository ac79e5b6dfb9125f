using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http;

namespace CooperationPlatform.ServiceDefaults.Tests;

public sealed class ApiConventionTests
{
    [Theory]
    [InlineData("\"7\"")]
    [InlineData("\"3\", \"7\"")]
    [InlineData("W/\"3\", \"7\"")]
    [InlineData("*")]
    public void If_match_with_the_current_version_passes(string ifMatch)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.IfMatch = ifMatch;

        request.RequireIfMatch(7);
    }

    [Fact]
    public void A_stale_if_match_is_a_failed_precondition()
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.IfMatch = "\"6\"";

        Assert.Throws<PreconditionFailedException>(() => request.RequireIfMatch(7));
    }

    [Theory]
    [InlineData("W/\"7\"")]
    [InlineData("W/\"6\", W/\"7\"")]
    public void A_weak_if_match_never_matches_because_if_match_compares_strongly(string ifMatch)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.IfMatch = ifMatch;

        Assert.Throws<PreconditionFailedException>(() => request.RequireIfMatch(7));
    }

    [Fact]
    public void An_update_without_if_match_is_refused() =>
        Assert.Throws<PreconditionRequiredException>(() => new DefaultHttpContext().Request.RequireIfMatch(7));

    [Theory]
    [InlineData(-1, 20, "pageIndex")]
    [InlineData(0, 0, "pageSize")]
    [InlineData(0, PageRequest.MaxPageSize + 1, "pageSize")]
    public void Pages_out_of_range_name_the_parameter(int pageIndex, int pageSize, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => new PageRequest(pageIndex, pageSize).Validated());

        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public void Reference_checks_name_each_bad_value()
    {
        var errors = new ValidationErrors()
            .Country("country", "CHN")
            .Country("partnerCountry", "XXX")
            .SdgTarget("targets[0]", "9.2", goal: 8)
            .Each("sdgs", [9, 18], (e, field, goal) => e.Sdg(field, goal));

        var error = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);
        Assert.Equal(["partnerCountry", "targets[0]", "sdgs[1]"], error.Errors.Keys);
    }

    [Fact]
    public void Text_of_blanks_is_missing_when_required_and_left_out_when_optional()
    {
        var errors = new ValidationErrors()
            .Text("name", "  ", 10, required: true)
            .Text("city", "  ", 10)
            .Text("acronym", "  UNIDO  ", 5)
            .Text("description", "  eleven chars ", 10);

        var error = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);
        Assert.Equal(["name", "description"], error.Errors.Keys);
        Assert.Equal(["name is required."], error.Errors["name"]);
        Assert.Null("  ".TrimmedOrNull());
        Assert.Equal("UNIDO", "  UNIDO  ".TrimmedOrNull());
    }
}
