using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

/// <summary>The organization a participant comes from: a directory institution, or a name given as free text (or both).</summary>
public sealed record Organization(Guid? InstitutionId, string? Name)
{
    public string? Name { get; init; } = Name.TrimmedOrNull();
}

/// <summary>What a person gives when registering to an event.</summary>
public sealed record ParticipantDetails : IValidatable
{
    public string Name { get; init => field = value?.Trim() ?? ""; } = "";
    public string Email { get; init; } = "";
    public Organization? Organization { get; init; }
    public string? City { get; init => field = value.TrimmedOrNull(); }
    public string Country { get; init; } = "";
    public ParticipantKind Kind { get; init; }

    /// <summary>Consent to appear by name in the event's public participant list (speakers, exhibitors open to matchmaking).</summary>
    public bool ListedPublicly { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.Text("name", Name, 200, required: true)
            .Require(ParticipantEmail.IsValid(Email), "email", "email is not a valid email address.")
            .Require(Organization is null || Organization.InstitutionId is not null || !string.IsNullOrWhiteSpace(Organization.Name),
                "organization", "Give the organization's directory institutionId or its name.")
            .Text("organization.name", Organization?.Name, 300)
            .Text("city", City, 200)
            .Country("country", Country)
            .Require(Enum.IsDefined(Kind), "kind", "kind is not a participant kind.");
    }
}

public static partial class ParticipantEmail
{
    public const int MaxLength = 254;

    public static bool IsValid(string? email) => email is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(email.Trim());

    /// <summary>The key an email is matched by: the same address in another case is the same person.</summary>
    public static string Key(string email) => email.Trim().ToLowerInvariant();

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex Pattern();
}

/// <summary>A person registered to one event. Personal data (name, email) can be erased; what the counts need stays.</summary>
public sealed class Participant
{
    private Participant()
    {
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public string? Name { get; private set; }
    public string? Email { get; private set; }
    public string? EmailKey { get; private set; }
    public Guid? OrganizationInstitutionId { get; private set; }
    public string? OrganizationName { get; private set; }
    public string? City { get; private set; }
    public string Country { get; private set; } = "";
    public ParticipantKind Kind { get; private set; }
    public bool ListedPublicly { get; private set; }
    public byte[]? TokenHash { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When the participant proved they hold the email address (the token only reaches them by mail); null until then.</summary>
    public DateTimeOffset? EmailConfirmedAt { get; private set; }

    public DateTimeOffset? ErasedAt { get; private set; }

    public ParticipantFacts Facts => new(Id, Kind, Country, City, OrganizationInstitutionId, OrganizationName);

    /// <summary>A new participant; <paramref name="vouched"/> (registered by the organizer) counts as a confirmed email address.</summary>
    public static (Participant Participant, string Token) Register(Guid id, Guid eventId, ParticipantDetails details, DateTimeOffset now,
        bool vouched = false)
    {
        var participant = new Participant
        {
            Id = id,
            EventId = eventId,
            Name = details.Name.Trim(),
            Email = details.Email.Trim(),
            EmailKey = ParticipantEmail.Key(details.Email),
            OrganizationInstitutionId = details.Organization?.InstitutionId,
            OrganizationName = details.Organization?.Name?.Trim(),
            City = details.City?.Trim(),
            Country = details.Country,
            Kind = details.Kind,
            ListedPublicly = details.ListedPublicly,
            RegisteredAt = now,
            EmailConfirmedAt = vouched ? now : null,
        };
        return (participant, participant.IssueToken(vouched, now));
    }

    /// <summary>
    /// A new secret for the participant, sent to their email address; only its hash is kept. A new token is a new proof of the
    /// address, so the address counts as confirmed again only once it is used (or when the organizer <paramref name="vouched"/>).
    /// </summary>
    public string IssueToken(bool vouched, DateTimeOffset now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        TokenHash = Hash(token);
        EmailConfirmedAt = vouched ? now : null;
        return token;
    }

    /// <summary>The participant used the token that was sent to their address: the address is theirs.</summary>
    public void ConfirmEmail(DateTimeOffset now) => EmailConfirmedAt ??= now;

    public bool Holds(string email, string token) =>
        ErasedAt is null && TokenHash is not null && EmailKey == ParticipantEmail.Key(email)
        && CryptographicOperations.FixedTimeEquals(TokenHash, Hash(token));

    /// <summary>Removes what identifies the person; kind, country, city and organization stay, so the event's counts do not move.</summary>
    public void Erase(DateTimeOffset now)
    {
        Name = null;
        Email = null;
        EmailKey = null;
        TokenHash = null;
        ListedPublicly = false;
        ErasedAt = now;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
