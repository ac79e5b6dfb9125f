namespace CooperationPlatform.Portfolio.Iati;

/// <summary>Configuration section <c>Portfolio:Iati</c>: who publishes the platform's IATI data.</summary>
public sealed class IatiOptions
{
    public const string SectionName = "Portfolio:Iati";

    public ReportingOrganisationOptions ReportingOrganisation { get; set; } = new();

    /// <summary>Largest IATI or CSV file an import accepts.</summary>
    public long MaxImportBytes { get; set; } = 256L * 1024 * 1024;
}

public sealed class ReportingOrganisationOptions
{
    /// <summary>
    /// The publisher's IATI organisation identifier ({registration agency}-{number}); also the prefix of the activity identifiers
    /// the platform gives projects registered without one. Set it to the identifier registered with IATI before publishing.
    /// </summary>
    public string Ref { get; set; } = "XI-CP";

    public string Name { get; set; } = "CooperationPlatform";

    /// <summary>IATI OrganisationType code; 90 is "Other".</summary>
    public string Type { get; set; } = "90";
}
