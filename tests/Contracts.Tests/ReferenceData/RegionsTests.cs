using CooperationPlatform.Contracts.Reference;

namespace CooperationPlatform.Contracts.Tests.ReferenceData;

public class RegionsTests
{
    [Theory]
    [InlineData(RegionLevel.World, 1)]
    [InlineData(RegionLevel.Region, 5)]
    [InlineData(RegionLevel.SubRegion, 17)]
    [InlineData(RegionLevel.IntermediateRegion, 8)]
    public void Lists_the_M49_hierarchy(RegionLevel level, int count)
    {
        Assert.Equal(count, Regions.All.Count(r => r.Level == level));
    }

    [Fact]
    public void Codes_are_unique_three_digit_strings()
    {
        Assert.Equal(Regions.All.Count, Regions.All.Select(r => r.Code).Distinct().Count());
        Assert.All(Regions.All, r => Assert.Matches("^[0-9]{3}$", r.Code));
    }

    [Fact]
    public void Every_region_but_the_world_has_a_parent_one_level_up()
    {
        Assert.All(Regions.All.Where(r => r.Level != RegionLevel.World), r =>
        {
            Assert.True(Regions.TryGet(r.ParentCode, out var parent), $"{r.Code}: parent {r.ParentCode}");
            Assert.Equal(r.Level - 1, parent.Level);
        });
        Assert.Null(Regions.All.Single(r => r.Level == RegionLevel.World).ParentCode);
    }

    [Theory]
    [InlineData("002", "Africa")]
    [InlineData("419", "Latin America and the Caribbean")]
    [InlineData("035", "South-eastern Asia")]
    [InlineData("830", "Channel Islands")]
    public void Finds_regions_by_code(string code, string name)
    {
        Assert.True(Regions.IsKnown(code));
        Assert.True(Regions.TryGet(code, out var region));
        Assert.Equal(name, region.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("999")]
    public void Unknown_region_codes_are_not_found(string? code)
    {
        Assert.False(Regions.IsKnown(code));
        Assert.False(Regions.TryGet(code, out _));
        Assert.Empty(Regions.CountriesIn(code));
    }

    [Theory]
    [InlineData("VNM", "035")]
    [InlineData("VNM", "142")]
    [InlineData("ETH", "202")]
    [InlineData("ETH", "002")]
    [InlineData("SEN", "202")]
    [InlineData("IDN", "035")]
    [InlineData("LKA", "034")]
    [InlineData("IRN", "034")]
    [InlineData("URY", "005")]
    [InlineData("URY", "419")]
    [InlineData("URY", "019")]
    [InlineData("JEY", "830")]
    [InlineData("JEY", "150")]
    public void Countries_in_a_region_include_those_of_its_sub_and_intermediate_regions(string alpha3, string regionCode)
    {
        Assert.Contains(Regions.CountriesIn(regionCode), c => c.Alpha3 == alpha3);
    }

    [Theory]
    [InlineData("VNM", "034")]
    [InlineData("IRN", "145")]
    [InlineData("URY", "021")]
    [InlineData("ETH", "015")]
    [InlineData("ATA", "009")]
    public void Countries_outside_a_region_are_not_in_it(string alpha3, string regionCode)
    {
        Assert.DoesNotContain(Regions.CountriesIn(regionCode), c => c.Alpha3 == alpha3);
    }

    [Fact]
    public void The_world_holds_every_country_including_Antarctica()
    {
        Assert.Equal(Countries.All.Count, Regions.CountriesIn(Regions.WorldCode).Count);
        Assert.Contains(Regions.CountriesIn(Regions.WorldCode), c => c.Alpha3 == "ATA");
    }

    [Fact]
    public void A_region_holds_exactly_the_countries_of_its_children_and_its_own()
    {
        Assert.All(Regions.All.Where(r => r.Level is RegionLevel.Region or RegionLevel.SubRegion), r =>
        {
            var expected = Countries.All
                .Where(c => c.RegionCode == r.Code || c.SubRegionCode == r.Code || c.IntermediateRegionCode == r.Code)
                .Select(c => c.Alpha3)
                .Order();
            Assert.Equal(expected, Regions.CountriesIn(r.Code).Select(c => c.Alpha3).Order());
        });
    }

    [Fact]
    public void Sub_saharan_Africa_is_the_sum_of_its_intermediate_regions()
    {
        var sum = new[] { "014", "017", "018", "011" }.Sum(code => Regions.CountriesIn(code).Count);

        Assert.Equal(sum, Regions.CountriesIn("202").Count);
        Assert.Equal(53, sum);
    }
}
