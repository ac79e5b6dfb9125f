using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

public enum ExhibitorKind
{
    City,
    Organization,
}

/// <summary>A city or an organization showing its work at an event. Its booth, once assigned, is its alone.</summary>
public record ExhibitorDetails : IValidatable
{
    public string Name { get; init => field = value?.Trim() ?? ""; } = "";
    public ExhibitorKind Kind { get; init; }

    /// <summary>The directory institution behind the exhibitor, when it is one.</summary>
    public Guid? InstitutionId { get; init; }

    public string? City { get; init => field = value.TrimmedOrNull(); }
    public string Country { get; init; } = "";
    public string? Booth { get; init => field = value.TrimmedOrNull(); }
    public string? Description { get; init => field = value.TrimmedOrNull(); }

    public void Validate(ValidationErrors errors) =>
        errors.Text("name", Name, EventDetails.MaxNameLength, required: true)
            .Require(Enum.IsDefined(Kind), "kind", "kind is not an exhibitor kind (city, organization).")
            .Text("city", City, 200)
            .Require(Kind != ExhibitorKind.City || !string.IsNullOrWhiteSpace(City), "city", "A city exhibitor needs its city.")
            .Country("country", Country)
            .Text("booth", Booth, 50)
            .Text("description", Description, 4000, multiline: true);
}

public sealed class Exhibitor
{
    private Exhibitor()
    {
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public string Name { get; private set; } = "";
    public ExhibitorKind Kind { get; private set; }
    public Guid? InstitutionId { get; private set; }
    public string? City { get; private set; }
    public string Country { get; private set; } = "";
    public string? Booth { get; private set; }
    public string? Description { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public ExhibitorDetails Details => new()
    {
        Name = Name,
        Kind = Kind,
        InstitutionId = InstitutionId,
        City = City,
        Country = Country,
        Booth = Booth,
        Description = Description,
    };

    public static Exhibitor Create(Guid id, Guid eventId, ExhibitorDetails details, DateTimeOffset now)
    {
        var exhibitor = new Exhibitor { Id = id, Version = 1, EventId = eventId, CreatedAt = now };
        exhibitor.Apply(details, now);
        return exhibitor;
    }

    public void Update(ExhibitorDetails details, DateTimeOffset now)
    {
        Apply(details, now);
        Version++;
    }

    private void Apply(ExhibitorDetails details, DateTimeOffset now)
    {
        Name = details.Name.Trim();
        Kind = details.Kind;
        InstitutionId = details.InstitutionId;
        City = details.City?.Trim();
        Country = details.Country;
        // Booths are matched as written but without surrounding blanks or case: "A-12" and "a-12 " are one booth.
        Booth = details.Booth?.Trim().ToUpperInvariant();
        Description = details.Description?.Trim();
        UpdatedAt = now;
    }
}
