using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Portfolio.Iati;

/// <summary>
/// Where each project fact goes in IATI 2.03, and the codes it takes there. What IATI cannot say (the three OECD triangular roles,
/// a modality finer than collaboration-type, several activity scopes, facts IATI requires but the source did not report) travels in
/// attributes and elements of the platform's own namespace, which the schema allows anywhere, so that an export imports back unchanged.
/// </summary>
public static class IatiCodes
{
    public const string Version = "2.03";
    public const string Namespace = "urn:cooperation-platform:iati-extension:1";
    public const string Prefix = "cp";
    public const string SectorVocabularyUri = "urn:cooperation-platform:vocabulary:sectors";
    public const string CooperationModeVocabularyUri = "urn:cooperation-platform:vocabulary:cooperation-modes";

    // Codelist vocabularies.
    public const string SectorVocabularyDac = "1";
    public const string SectorVocabularyReportingOrganisation = "99";
    public const string SectorVocabularySdgGoal = "7";
    public const string SectorVocabularySdgTarget = "8";
    public const string TagVocabularySdgGoal = "2";
    public const string TagVocabularySdgTarget = "3";
    public const string TagVocabularyReportingOrganisation = "99";
    public const string RegionVocabularyUnM49 = "2";
    public const string PolicyMarkerGenderEquality = "1";
    public const string PolicyMarkerVocabularyOecdDac = "1";
    public const string TransactionIncomingCommitment = "11";
    public const string IndicatorMeasureQualitative = "5";
    public const string DescriptionGeneral = "1";

    // ActivityDateType.
    public const string PlannedStart = "1";
    public const string ActualStart = "2";
    public const string PlannedEnd = "3";
    public const string ActualEnd = "4";

    /// <summary>IATI OrganisationRole codes 1 to 4; the OECD triangular roles have none.</summary>
    public static string? RoleCode(PartnerRole role) => role switch
    {
        PartnerRole.Funding => "1",
        PartnerRole.Accountable => "2",
        PartnerRole.Extending => "3",
        PartnerRole.Implementing => "4",
        _ => null,
    };

    public static PartnerRole? RoleFromCode(string? code) => code?.Trim() switch
    {
        "1" => PartnerRole.Funding,
        "2" => PartnerRole.Accountable,
        "3" => PartnerRole.Extending,
        "4" => PartnerRole.Implementing,
        _ => null,
    };

    public static bool IsTriangular(PartnerRole role) => RoleCode(role) is null;

    /// <summary>OECD DAC CRS Bi_Multi: 1 bilateral, 8 bilateral triangular co-operation.</summary>
    public static string CollaborationType(ProjectModality modality) => modality == ProjectModality.SouthSouth ? "1" : "8";

    public static ProjectModality? ModalityFromCollaborationType(string? code) => code?.Trim() == "8" ? ProjectModality.Triangular : null;

    /// <summary>IATI OrganisationType for a directory institution type.</summary>
    public static string OrganisationType(InstitutionType type) => type switch
    {
        InstitutionType.MinistryOrGovernmentAgency => "10",
        InstitutionType.CityOrLocalGovernment => "11",
        InstitutionType.UnAgencyOrCentre => "40",
        InstitutionType.PrivateSectorOrganization or InstitutionType.FinancialInstitution => "70",
        InstitutionType.ResearchOrTrainingCentre => "80",
        _ => "90",
    };

    /// <summary>The status IATI requires when none was reported: worked out from the dates, and marked as a placeholder.</summary>
    public static ProjectStatus StatusFromDates(DateOnly? start, DateOnly? end, DateOnly today) =>
        end is { } e && e < today ? ProjectStatus.Closed
        : start is { } s && s > today ? ProjectStatus.Pipeline
        : ProjectStatus.Implementation;
}
