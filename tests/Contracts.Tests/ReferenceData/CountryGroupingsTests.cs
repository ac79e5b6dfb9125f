using CooperationPlatform.Contracts.Reference;

namespace CooperationPlatform.Contracts.Tests.ReferenceData;

public class CountryGroupingsTests
{
    [Theory]
    [InlineData(CountryGrouping.Ldc, 44)]
    [InlineData(CountryGrouping.Lldc, 32)]
    [InlineData(CountryGrouping.Sids, 53)]
    public void Groupings_have_the_current_UN_sizes(CountryGrouping grouping, int count)
    {
        Assert.Equal(count, Countries.InGrouping(grouping).Count);
    }

    [Fact]
    public void InGrouping_matches_the_country_flags()
    {
        Assert.Equal(Countries.All.Where(c => c.IsLdc), Countries.InGrouping(CountryGrouping.Ldc));
        Assert.Equal(Countries.All.Where(c => c.IsLldc), Countries.InGrouping(CountryGrouping.Lldc));
        Assert.Equal(Countries.All.Where(c => c.IsSids), Countries.InGrouping(CountryGrouping.Sids));
    }

    [Theory]
    [InlineData("ETH", true, true, false)]
    [InlineData("SEN", true, false, false)]
    [InlineData("LKA", false, false, false)]
    [InlineData("FJI", false, false, true)]
    [InlineData("JAM", false, false, true)]
    [InlineData("HTI", true, false, true)]
    [InlineData("BTN", false, true, false)]
    [InlineData("STP", false, false, true)]
    [InlineData("VUT", false, false, true)]
    [InlineData("KAZ", false, true, false)]
    public void Flags_countries_by_grouping(string alpha3, bool ldc, bool lldc, bool sids)
    {
        Assert.True(Countries.TryGet(alpha3, out var country));
        Assert.Equal((ldc, lldc, sids), (country.IsLdc, country.IsLldc, country.IsSids));
    }

    [Theory]
    [InlineData("ldc", CountryGrouping.Ldc)]
    [InlineData("LDC", CountryGrouping.Ldc)]
    [InlineData("Lldc", CountryGrouping.Lldc)]
    [InlineData("sids", CountryGrouping.Sids)]
    [InlineData("SIDS", CountryGrouping.Sids)]
    public void Parses_grouping_codes_ignoring_case(string value, CountryGrouping expected)
    {
        Assert.True(CountryGroupings.TryParse(value, out var grouping));
        Assert.Equal(expected, grouping);
        Assert.Equal(expected, CountryGroupings.Parse(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("Ldc ")]
    [InlineData("least-developed")]
    public void Rejects_anything_else(string? value)
    {
        Assert.False(CountryGroupings.TryParse(value, out _));
        Assert.Throws<FormatException>(() => CountryGroupings.Parse(value!));
    }

    [Fact]
    public void Codes_round_trip()
    {
        Assert.All(Enum.GetValues<CountryGrouping>(), g => Assert.Equal(g, CountryGroupings.Parse(g.ToCode())));
    }
}
