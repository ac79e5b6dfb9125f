using System.Text.Json;
using System.Text.Json.Serialization;
using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Contracts.Tests;

public sealed class EnumCodesTests
{
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    [Fact]
    public void A_code_is_what_the_json_converter_writes_for_the_value()
    {
        Assert.All(Enum.GetValues<ProjectModality>(), modality =>
            Assert.Equal(JsonSerializer.Serialize(modality, Wire).Trim('"'), modality.ToCode()));
        Assert.Equal("ministry-or-government-agency", InstitutionType.MinistryOrGovernmentAgency.ToCode());
    }

    [Fact]
    public void The_codes_are_listed_in_declaration_order()
    {
        Assert.Equal(["planned", "active", "closed"], EnumCodes<InstitutionStatus>.Codes);
        Assert.Equal("planned, active, closed", EnumCodes<InstitutionStatus>.List);
    }

    [Theory]
    [InlineData("ngo-or-academia")]
    [InlineData("NGO-or-Academia")]
    [InlineData(" ngo-or-academia ")]
    public void A_code_is_read_in_any_case_and_trimmed(string code)
    {
        Assert.True(EnumCodes<InstitutionType>.TryParse(code, out var type));
        Assert.Equal(InstitutionType.NgoOrAcademia, type);
    }

    [Theory]
    [InlineData("NgoOrAcademia")]
    [InlineData("8")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("ngo-or-academia,network")]
    public void A_csharp_name_a_number_a_list_or_nothing_is_not_a_code(string? code)
    {
        Assert.False(EnumCodes<InstitutionType>.TryParse(code, out _));
    }

    [Fact]
    public void A_value_outside_the_enum_is_spelled_as_the_json_converter_would()
    {
        Assert.Equal("99", ((InstitutionType)99).ToCode());
    }
}
