namespace CooperationPlatform.Contracts.Model;

/// <summary>IATI activity status (codelist ActivityStatus, codes 1 to 6).</summary>
public enum ProjectStatus
{
    Pipeline = 1,
    Implementation = 2,
    Finalisation = 3,
    Closed = 4,
    Cancelled = 5,
    Suspended = 6,
}

public enum ProjectModality
{
    SouthSouth,
    Triangular,

    /// <summary>South-South cooperation facilitated by a multilateral organisation (UNIDO, UNOSSC, ...).</summary>
    SouthSouthWithMultilateralFacilitator,
}

/// <summary>IATI activity scope (codelist ActivityScope), with the four sub-national codes folded into one.</summary>
public enum GeographicScope
{
    Global = 1,
    Regional = 2,
    MultiNational = 3,
    National = 4,
    SubNational = 5,
}
