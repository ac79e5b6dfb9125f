namespace CooperationPlatform.Contracts.Model;

public enum MembershipStatus
{
    Active,
    Suspended,
    Left,
}

public enum MembershipRole
{
    Member,
    Secretariat,
    Hub,
}
