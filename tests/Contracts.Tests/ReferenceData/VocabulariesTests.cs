using CooperationPlatform.Contracts.Reference;

namespace CooperationPlatform.Contracts.Tests.ReferenceData;

public class VocabulariesTests
{
    private const string KebabCase = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public static TheoryData<string, IReadOnlyList<VocabularyTerm>> AllVocabularies => new()
    {
        { Vocabularies.Sectors.Name, Vocabularies.Sectors.Terms },
        { Vocabularies.CooperationModes.Name, Vocabularies.CooperationModes.Terms },
    };

    [Theory]
    [MemberData(nameof(AllVocabularies))]
    public void Codes_are_unique_kebab_case_and_labelled(string name, IReadOnlyList<VocabularyTerm> terms)
    {
        Assert.Matches(KebabCase, name);
        Assert.Equal(terms.Count, terms.Select(t => t.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(terms, t =>
        {
            Assert.Matches(KebabCase, t.Code);
            Assert.False(string.IsNullOrWhiteSpace(t.Label));
        });
    }

    [Fact]
    public void Sectors_are_the_agreed_list()
    {
        string[] expected =
        [
            "agriculture", "forestry", "fishery-and-aquaculture", "renewable-energy", "small-hydropower", "solar-energy", "biogas",
            "energy-efficiency", "manufacturing-technology", "materials", "ict-and-e-government", "water-and-sanitation",
            "financial-services", "trade-and-investment", "industrial-parks", "resource-efficient-cleaner-production",
            "urban-development", "tourism", "education-and-training", "health", "environment-and-climate", "agro-processing",
            "mountain-and-watershed-development", "pesticides-and-agrochemicals", "technology-transfer-services",
            "subcontracting-and-supply-chains",
        ];

        Assert.Equal(expected, Vocabularies.Sectors.Terms.Select(t => t.Code));
    }

    [Fact]
    public void Cooperation_modes_are_the_seven_UNIDO_modes()
    {
        Assert.Equal(
            [
                ("knowledge-sharing", "Awareness-raising and knowledge-sharing"),
                ("good-practice-replication", "Replicating and upscaling good practices"),
                ("technology-transfer", "Technology transfer and diffusion"),
                ("capacity-building", "Capacity-building"),
                ("vocational-training", "Vocational training and skill development"),
                ("entrepreneurship-and-investment", "Entrepreneurship and investment promotion among SMEs"),
                ("green-industrial-parks", "Green Industrial Parks"),
            ],
            Vocabularies.CooperationModes.Terms.Select(t => (t.Code, t.Label)));
    }

    [Fact]
    public void DAC_CRS_codes_are_five_digit_purpose_codes()
    {
        Assert.All(Vocabularies.Sectors.Terms, s => Assert.All(s.DacCrsCodes, code => Assert.Matches("^[1-9][0-9]{4}$", code)));
    }

    [Theory]
    [InlineData("agriculture", "31110")]
    [InlineData("forestry", "31210")]
    [InlineData("fishery-and-aquaculture", "31310")]
    [InlineData("small-hydropower", "23220")]
    [InlineData("solar-energy", "23230")]
    public void Sectors_carry_their_DAC_CRS_codes(string sector, string dacCrsCode)
    {
        Assert.True(Vocabularies.Sectors.TryGet(sector, out var term));
        Assert.Contains(dacCrsCode, term.DacCrsCodes);
    }

    [Fact]
    public void Sectors_without_an_obvious_code_carry_none()
    {
        Assert.True(Vocabularies.Sectors.TryGet("materials", out var materials));
        Assert.Empty(materials.DacCrsCodes);
    }

    [Theory]
    [InlineData("solar-energy")]
    [InlineData("Solar-Energy")]
    [InlineData("SOLAR-ENERGY")]
    public void Lookup_ignores_case_and_returns_the_canonical_term(string code)
    {
        Assert.True(Vocabularies.Sectors.IsKnown(code));
        Assert.True(Vocabularies.Sectors.TryGet(code, out var term));
        Assert.Equal("solar-energy", term.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("solar energy")]
    [InlineData("solar_energy")]
    [InlineData("capacity-building")]
    public void Unknown_sector_codes_are_not_found(string? code)
    {
        Assert.False(Vocabularies.Sectors.IsKnown(code));
        Assert.False(Vocabularies.Sectors.TryGet(code, out var term));
        Assert.Null(term);
    }

    [Fact]
    public void Cooperation_mode_lookup_works()
    {
        Assert.True(Vocabularies.CooperationModes.IsKnown("capacity-building"));
        Assert.False(Vocabularies.CooperationModes.IsKnown("agriculture"));
    }
}
