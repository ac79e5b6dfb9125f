namespace CooperationPlatform.Contracts.Model;

/// <summary>Whether an offer or a need is still looking for partners.</summary>
public enum ListingStatus
{
    Open,
    Closed,
}
