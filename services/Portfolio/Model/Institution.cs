using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Portfolio.Model;

/// <summary>
/// The portfolio's own copy of a directory institution, kept up to date from the directory's messages. Partners are checked
/// against it, so the portfolio never calls the directory and keeps working while the directory is down.
/// </summary>
public sealed class Institution
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Acronym { get; set; }

    /// <summary>ISO 3166-1 alpha-3 code; null for a body with no single seat.</summary>
    public string? Country { get; set; }

    public InstitutionType Type { get; set; }

    /// <summary>Archived in the directory: existing partnerships stay, new ones are refused.</summary>
    public bool Archived { get; set; }

    /// <summary>The directory's version of the institution this copy reflects; older messages are ignored.</summary>
    public long SourceVersion { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
