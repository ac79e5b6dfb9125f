// Sources: sectors and the seven cooperation modes from UNIDO's South-South and triangular industrial cooperation (SSTIC) documents, as adopted for this platform in 2026;
// DAC codes from the OECD DAC CRS purpose codes list (2024), given only where one code plainly matches the sector.
namespace CooperationPlatform.Contracts.Reference;

public static class Vocabularies
{
    public static Vocabulary<SectorTerm> Sectors { get; } = new("sectors",
    [
        Sector("agriculture", "Agriculture", "31110"),
        Sector("forestry", "Forestry", "31210"),
        Sector("fishery-and-aquaculture", "Fishery and aquaculture", "31310"),
        Sector("renewable-energy", "Renewable energy", "23210"),
        Sector("small-hydropower", "Small hydropower", "23220"),
        Sector("solar-energy", "Solar energy", "23230", "23231", "23232"),
        Sector("biogas", "Biogas", "23270"),
        Sector("energy-efficiency", "Energy efficiency", "23183"),
        Sector("manufacturing-technology", "Manufacturing technology"),
        Sector("materials", "Materials"),
        Sector("ict-and-e-government", "ICT and e-government", "22040"),
        Sector("water-and-sanitation", "Water and sanitation", "14010"),
        Sector("financial-services", "Financial services", "24010"),
        Sector("trade-and-investment", "Trade and investment", "33110"),
        Sector("industrial-parks", "Industrial parks"),
        Sector("resource-efficient-cleaner-production", "Resource-efficient and cleaner production"),
        Sector("urban-development", "Urban development", "43030"),
        Sector("tourism", "Tourism", "33210"),
        Sector("education-and-training", "Education and training", "11110"),
        Sector("health", "Health", "12110"),
        Sector("environment-and-climate", "Environment and climate", "41010"),
        Sector("agro-processing", "Agro-processing", "32161"),
        Sector("mountain-and-watershed-development", "Mountain and watershed development"),
        Sector("pesticides-and-agrochemicals", "Pesticides and agrochemicals", "31192"),
        Sector("technology-transfer-services", "Technology transfer services"),
        Sector("subcontracting-and-supply-chains", "Subcontracting and supply chains"),
    ]);

    public static Vocabulary<VocabularyTerm> CooperationModes { get; } = new("cooperation-modes",
    [
        new("knowledge-sharing", "Awareness-raising and knowledge-sharing"),
        new("good-practice-replication", "Replicating and upscaling good practices"),
        new("technology-transfer", "Technology transfer and diffusion"),
        new("capacity-building", "Capacity-building"),
        new("vocational-training", "Vocational training and skill development"),
        new("entrepreneurship-and-investment", "Entrepreneurship and investment promotion among SMEs"),
        new("green-industrial-parks", "Green Industrial Parks"),
    ]);

    private static SectorTerm Sector(string code, string label, params string[] dacCrsCodes) => new(code, label, [.. dacCrsCodes]);
}
