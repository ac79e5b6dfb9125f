namespace CooperationPlatform.Portfolio.Model;

/// <summary>The limits of a project's fields, held by the request validation and by the database columns alike.</summary>
public static class ProjectRules
{
    public const int MaxTitleLength = 500;
    public const int MaxTextLength = 20_000;
    public const int MaxIatiIdentifierLength = 200;
}
