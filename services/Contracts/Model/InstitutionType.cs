namespace CooperationPlatform.Contracts.Model;

/// <summary>What kind of body an institution is. A network is an institution-like record whose members join through memberships.</summary>
public enum InstitutionType
{
    MinistryOrGovernmentAgency,
    ResearchOrTrainingCentre,
    UnAgencyOrCentre,
    NetworkSecretariat,
    PrivateSectorOrganization,
    FinancialInstitution,
    TrustFund,
    CityOrLocalGovernment,
    NgoOrAcademia,
    Network,
}

/// <summary>Where an institution stands in the real world; archiving a record is separate from this.</summary>
public enum InstitutionStatus
{
    Planned,
    Active,
    Closed,
}
