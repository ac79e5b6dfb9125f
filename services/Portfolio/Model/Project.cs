using System.Text;
using System.Text.Json;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Portfolio.Model;

/// <summary>A cooperation project: the aggregate root of the portfolio. Changes go through its methods, each bumping <see cref="Version"/>.</summary>
public sealed class Project
{
    private Project()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The IATI activity identifier; given at registration (or derived from the id) and never changed, as IATI requires.</summary>
    public string IatiIdentifier { get; private set; } = "";

    /// <summary>Incremented by every change; the ETag and the concurrency token.</summary>
    public long Version { get; private set; }

    public string? OwnerClientId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public ProjectStatus? Status { get; private set; }
    public IReadOnlyList<StatusChange> StatusHistory { get; private set; } = [];
    public IReadOnlyList<PartnerRoleAssignment> RoleAssignments { get; private set; } = [];

    public string Language { get; private set; } = "en";
    public string Title { get; private set; } = "";
    public string? Summary { get; private set; }
    public IReadOnlyList<ProjectTranslation> Translations { get; private set; } = [];
    public ProjectModality? Modality { get; private set; }
    public PartialDate? PlannedStart { get; private set; }
    public PartialDate? PlannedEnd { get; private set; }
    public PartialDate? ActualStart { get; private set; }
    public PartialDate? ActualEnd { get; private set; }
    public IReadOnlyList<GeographicScope> Scopes { get; private set; } = [];
    public IReadOnlyList<SdgContribution> Sdgs { get; private set; } = [];
    public IReadOnlyList<CountryShare> Countries { get; private set; } = [];
    public IReadOnlyList<RegionShare> Regions { get; private set; } = [];
    public IReadOnlyList<string> CooperationModes { get; private set; } = [];
    public IReadOnlyList<SectorEntry> Sectors { get; private set; } = [];
    public MoneyAmount? Budget { get; private set; }
    public IReadOnlyList<FundingCommitment> Commitments { get; private set; } = [];
    public IReadOnlyList<ProjectResult> Results { get; private set; } = [];
    public bool? GenderFocus { get; private set; }
    public Guid? OriginatingEventId { get; private set; }

    /// <summary>Every narrative of the project in one text, for full-text search (the database derives the tsvector from it).</summary>
    public string SearchText { get; private set; } = "";

    public IEnumerable<PartnerRoles> CurrentPartners => RoleAssignments
        .Where(a => a.IsCurrent)
        .GroupBy(a => a.InstitutionId)
        .Select(g => new PartnerRoles(g.Key, [.. g.Select(a => a.Role).Order()]));

    public static string DefaultIatiIdentifier(string reportingOrganisationRef, Guid id) => $"{reportingOrganisationRef}-{id}";

    public static Project Register(Guid id, string iatiIdentifier, ProjectDetails details, ProjectStatus? status, string? ownerClientId,
        DateTimeOffset now)
    {
        var project = new Project
        {
            Id = id,
            IatiIdentifier = iatiIdentifier,
            OwnerClientId = ownerClientId,
            CreatedAt = now,
            Version = 1,
        };
        project.SetDetails(details);
        project.RoleAssignments = [.. details.Partners.SelectMany(p => p.Roles.Select(r => new PartnerRoleAssignment(p.InstitutionId, r, now, null)))];
        if (status is { } initial)
        {
            project.Status = initial;
            project.StatusHistory = [new StatusChange(null, initial, now, "Registered", ownerClientId)];
        }
        project.UpdatedAt = now;
        return project;
    }

    public ProjectDetails Details => new()
    {
        Language = Language,
        Title = Title,
        Summary = Summary,
        Translations = Translations,
        Modality = Modality,
        PlannedStart = PlannedStart,
        PlannedEnd = PlannedEnd,
        ActualStart = ActualStart,
        ActualEnd = ActualEnd,
        Scopes = Scopes,
        Sdgs = Sdgs,
        Countries = Countries,
        Regions = Regions,
        CooperationModes = CooperationModes,
        Sectors = Sectors,
        Budget = Budget,
        Commitments = Commitments,
        Results = Results,
        GenderFocus = GenderFocus,
        OriginatingEventId = OriginatingEventId,
        Partners = [.. CurrentPartners],
    };

    /// <summary>Replaces the project's details. Returns what changed; nothing changes (not even the version) when the details are the same.</summary>
    public DetailsChange Update(ProjectDetails details, DateTimeOffset now)
    {
        var before = Details;
        var detailsChanged = !SameFacts(before with { Partners = [] }, details with { Partners = [] });
        var roleChanges = RoleChanges(before.Partners, details.Partners);
        if (!detailsChanged && roleChanges.Count == 0)
        {
            return DetailsChange.None;
        }
        if (detailsChanged)
        {
            SetDetails(details);
        }
        RoleAssignments =
        [
            .. RoleAssignments.Select(a => a.IsCurrent && roleChanges.Contains(new PartnerRoleChange(a.InstitutionId, a.Role, PartnerRoleChangeKind.Ended))
                ? a with { EndedAt = now }
                : a),
            .. roleChanges.Where(c => c.Change == PartnerRoleChangeKind.Assigned).Select(c => new PartnerRoleAssignment(c.InstitutionId, c.Role, now, null)),
        ];
        Touch(now);
        return new DetailsChange(detailsChanged, roleChanges);
    }

    /// <summary>Moves the project to <paramref name="to"/>; an invalid IATI transition is a conflict with the current state (409).</summary>
    public StatusChange ChangeStatus(ProjectStatus to, string? reason, string? clientId, DateTimeOffset now)
    {
        EnsureCanChangeStatus(to);
        var change = new StatusChange(Status, to, now, reason, clientId);
        Status = to;
        StatusHistory = [.. StatusHistory, change];
        Touch(now);
        return change;
    }

    public void EnsureCanChangeStatus(ProjectStatus to)
    {
        if (Status == to)
        {
            throw new ConflictException($"The project is already '{to.ToCode()}'.");
        }
        if (!ProjectStatusTransitions.IsAllowed(Status, to))
        {
            var allowed = ProjectStatusTransitions.From(Status).Select(s => s.ToCode()).ToArray();
            throw new ConflictException(
                $"A project cannot go from '{Status!.Value.ToCode()}' to '{to.ToCode()}'; " +
                (allowed.Length == 0 ? "it is final." : $"it can go to {string.Join(", ", allowed.Select(a => $"'{a}'"))}."));
        }
    }

    public ProjectSnapshot ToSnapshot() => new()
    {
        ProjectId = Id,
        IatiIdentifier = IatiIdentifier,
        Title = Title,
        Language = Language,
        Status = Status,
        Modality = Modality,
        PlannedStart = PlannedStart,
        PlannedEnd = PlannedEnd,
        ActualStart = ActualStart,
        ActualEnd = ActualEnd,
        Sdgs = Sdgs,
        Scopes = Scopes,
        Countries = Countries,
        Regions = Regions,
        CooperationModes = CooperationModes,
        Sectors = Sectors,
        Budget = Budget,
        Funders = FundersOf(CurrentPartners, Commitments),
        Partners = [.. CurrentPartners],
        GenderFocus = GenderFocus,
        OriginatingEventId = OriginatingEventId,
    };

    /// <summary>Partners in the funding role, each with its commitments summed per currency (empty when none were reported).</summary>
    public static IReadOnlyList<FunderCommitments> FundersOf(IEnumerable<PartnerRoles> partners, IReadOnlyList<FundingCommitment> commitments) =>
    [
        .. partners.Where(p => p.Roles.Contains(PartnerRole.Funding)).Select(p => new FunderCommitments(p.InstitutionId,
        [
            .. commitments.Where(c => c.InstitutionId == p.InstitutionId)
                .GroupBy(c => c.Currency)
                .Select(g => new MoneyAmount(g.Sum(c => c.Amount), g.Key)),
        ])),
    ];

    private static List<PartnerRoleChange> RoleChanges(IReadOnlyList<PartnerRoles> before, IReadOnlyList<PartnerRoles> after)
    {
        var old = before.SelectMany(p => p.Roles.Select(r => (p.InstitutionId, Role: r))).ToHashSet();
        var @new = after.SelectMany(p => p.Roles.Select(r => (p.InstitutionId, Role: r))).ToHashSet();
        return
        [
            .. old.Except(@new).Select(x => new PartnerRoleChange(x.InstitutionId, x.Role, PartnerRoleChangeKind.Ended)),
            .. @new.Except(old).Select(x => new PartnerRoleChange(x.InstitutionId, x.Role, PartnerRoleChangeKind.Assigned)),
        ];
    }

    private void SetDetails(ProjectDetails details)
    {
        Language = details.Language;
        Title = details.Title;
        Summary = details.Summary;
        Translations = details.Translations;
        Modality = details.Modality;
        PlannedStart = details.PlannedStart;
        PlannedEnd = details.PlannedEnd;
        ActualStart = details.ActualStart;
        ActualEnd = details.ActualEnd;
        Scopes = details.Scopes;
        Sdgs = details.Sdgs;
        Countries = details.Countries;
        Regions = details.Regions;
        CooperationModes = details.CooperationModes;
        Sectors = details.Sectors;
        Budget = details.Budget;
        Commitments = details.Commitments;
        Results = details.Results;
        GenderFocus = details.GenderFocus;
        OriginatingEventId = details.OriginatingEventId;
        SearchText = BuildSearchText(details);
    }

    private void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }

    private static string BuildSearchText(ProjectDetails details)
    {
        var text = new StringBuilder();
        foreach (var part in new[] { details.Summary }
            .Concat(details.Translations.SelectMany(t => new[] { t.Title, t.Summary }))
            .Concat(details.Results.Select(r => r.Text)))
        {
            if (!string.IsNullOrWhiteSpace(part))
            {
                text.Append(part).Append('\n');
            }
        }
        return text.ToString();
    }

    private static bool SameFacts(ProjectDetails a, ProjectDetails b) =>
        JsonSerializer.Serialize(a, ApiDefaults.JsonOptions) == JsonSerializer.Serialize(b, ApiDefaults.JsonOptions);
}

public sealed record DetailsChange(bool DetailsChanged, IReadOnlyList<PartnerRoleChange> RoleChanges)
{
    public static readonly DetailsChange None = new(false, []);

    public bool Any => DetailsChanged || RoleChanges.Count > 0;
}
