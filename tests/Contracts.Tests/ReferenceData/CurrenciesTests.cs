using CooperationPlatform.Contracts.Reference;

namespace CooperationPlatform.Contracts.Tests.ReferenceData;

public class CurrenciesTests
{
    [Theory]
    [InlineData("USD")]
    [InlineData("EUR")]
    [InlineData("CNY")]
    [InlineData("XOF")]
    [InlineData("ETB")]
    [InlineData("ZWG")]
    [InlineData("XCG")]
    [InlineData("usd")]
    public void Knows_active_currencies(string code)
    {
        Assert.True(Currencies.IsKnown(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("USDD")]
    [InlineData(" USD")]
    [InlineData("HRK")]
    [InlineData("ANG")]
    [InlineData("BGN")]
    [InlineData("XXX")]
    [InlineData("XTS")]
    public void Rejects_unknown_withdrawn_and_non_currency_codes(string? code)
    {
        Assert.False(Currencies.IsKnown(code));
    }

    [Fact]
    public void All_is_sorted_unique_and_upper_case()
    {
        Assert.Equal(176, Currencies.All.Count);
        Assert.Equal(Currencies.All.Order(StringComparer.Ordinal), Currencies.All);
        Assert.Equal(Currencies.All.Count, Currencies.All.Distinct().Count());
        Assert.All(Currencies.All, c => Assert.Matches("^[A-Z]{3}$", c));
    }
}
