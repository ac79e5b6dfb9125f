using System.Text.RegularExpressions;
using CooperationPlatform.Contracts.Reference;

namespace CooperationPlatform.Contracts.Tests.ReferenceData;

public class CountriesTests
{
    [Fact]
    public void Lists_every_M49_area_with_an_ISO_code()
    {
        Assert.Equal(248, Countries.All.Count);
    }

    [Fact]
    public void Alpha3_alpha2_and_M49_codes_are_unique()
    {
        Assert.Equal(Countries.All.Count, Countries.All.Select(c => c.Alpha3).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(Countries.All.Count, Countries.All.Select(c => c.Alpha2).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(Countries.All.Count, Countries.All.Select(c => c.M49).Distinct().Count());
    }

    [Fact]
    public void Codes_are_upper_case_ISO_and_M49_shapes()
    {
        Assert.All(Countries.All, c =>
        {
            Assert.Matches("^[A-Z]{3}$", c.Alpha3);
            Assert.Matches("^[A-Z]{2}$", c.Alpha2);
            Assert.InRange(c.M49, 1, 999);
            Assert.False(string.IsNullOrWhiteSpace(c.Name));
        });
    }

    [Fact]
    public void Every_country_but_Antarctica_has_a_region_and_sub_region()
    {
        var withoutRegion = Countries.All.Where(c => c.RegionCode.Length == 0 || c.SubRegionCode.Length == 0).Select(c => c.Alpha3);

        Assert.Equal(["ATA"], withoutRegion);
    }

    [Fact]
    public void Antarctica_has_no_region_at_any_level()
    {
        Assert.True(Countries.TryGet("ATA", out var antarctica));
        Assert.Equal("", antarctica.RegionCode);
        Assert.Equal("", antarctica.SubRegionCode);
        Assert.Null(antarctica.IntermediateRegionCode);
    }

    [Fact]
    public void Region_codes_form_a_chain_of_known_regions()
    {
        Assert.All(Countries.All.Where(c => c.Alpha3 != "ATA"), c =>
        {
            Assert.True(Regions.TryGet(c.RegionCode, out var region), $"{c.Alpha3}: region {c.RegionCode}");
            Assert.Equal(RegionLevel.Region, region.Level);
            Assert.True(Regions.TryGet(c.SubRegionCode, out var subRegion), $"{c.Alpha3}: sub-region {c.SubRegionCode}");
            Assert.Equal(RegionLevel.SubRegion, subRegion.Level);
            Assert.Equal(c.RegionCode, subRegion.ParentCode);
            if (c.IntermediateRegionCode is not null)
            {
                Assert.True(Regions.TryGet(c.IntermediateRegionCode, out var intermediate));
                Assert.Equal(RegionLevel.IntermediateRegion, intermediate.Level);
                Assert.Equal(c.SubRegionCode, intermediate.ParentCode);
            }
        });
    }

    [Theory]
    [InlineData("VNM", "035", null)]
    [InlineData("ETH", "202", "014")]
    [InlineData("SEN", "202", "011")]
    [InlineData("URY", "419", "005")]
    [InlineData("GGY", "154", "830")]
    [InlineData("USA", "021", null)]
    public void Places_countries_in_their_M49_sub_and_intermediate_regions(string alpha3, string subRegion, string? intermediateRegion)
    {
        Assert.True(Countries.TryGet(alpha3, out var country));
        Assert.Equal(subRegion, country.SubRegionCode);
        Assert.Equal(intermediateRegion, country.IntermediateRegionCode);
    }

    [Theory]
    [InlineData("vnm")]
    [InlineData("Vnm")]
    [InlineData("VNM")]
    public void Lookup_ignores_case(string alpha3)
    {
        Assert.True(Countries.IsKnown(alpha3));
        Assert.True(Countries.TryGet(alpha3, out var country));
        Assert.Equal("VNM", country.Alpha3);
        Assert.Equal("VN", country.Alpha2);
        Assert.Equal(704, country.M49);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("VN")]
    [InlineData("XYZ")]
    [InlineData(" VNM")]
    [InlineData("TWN")]
    public void Unknown_codes_are_not_found(string? alpha3)
    {
        Assert.False(Countries.IsKnown(alpha3));
        Assert.False(Countries.TryGet(alpha3, out var country));
        Assert.Null(country);
    }

    [Theory]
    [InlineData("VNM", "Viet Nam")]
    [InlineData("IRN", "Iran (Islamic Republic of)")]
    [InlineData("TUR", "Türkiye")]
    [InlineData("CHN", "China")]
    [InlineData("CIV", "Côte d’Ivoire")]
    [InlineData("BOL", "Bolivia (Plurinational State of)")]
    public void Uses_M49_English_short_names(string alpha3, string name)
    {
        Assert.True(Countries.TryGet(alpha3, out var country));
        Assert.Equal(name, country.Name);
    }

    [Fact]
    public void Names_have_no_stray_whitespace()
    {
        Assert.All(Countries.All, c => Assert.DoesNotMatch(new Regex(@"^\s|\s$|\s{2}"), c.Name));
    }

    [Theory]
    [InlineData("KEN", new[] { "001", "002", "202", "014" }, new CountryGrouping[0])]
    [InlineData("ETH", new[] { "001", "002", "202", "014" }, new[] { CountryGrouping.Ldc, CountryGrouping.Lldc })]
    [InlineData("FJI", new[] { "001", "009", "054" }, new[] { CountryGrouping.Sids })]
    public void A_country_lists_its_regions_from_the_world_down_and_its_groupings(string alpha3, string[] regions, CountryGrouping[] groupings)
    {
        Assert.True(Countries.TryGet(alpha3, out var country));
        Assert.Equal(regions, country.RegionCodes());
        Assert.Equal(groupings, country.Groupings());
        Assert.All(country.RegionCodes(), code => Assert.Contains(country, Regions.CountriesIn(code)));
    }
}
