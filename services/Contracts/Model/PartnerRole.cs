namespace CooperationPlatform.Contracts.Model;

/// <summary>
/// A role an institution takes in a cooperation: the four IATI organisation roles (codes 1 to 4) and the three OECD roles of
/// triangular cooperation. The directory records the roles an institution can take; the portfolio, the roles it took in a project.
/// </summary>
public enum PartnerRole
{
    Funding,
    Accountable,
    Extending,
    Implementing,
    Beneficiary,
    Pivotal,
    Facilitating,
}
