using CooperationPlatform.Analytics.Infrastructure;
using CooperationPlatform.Analytics.Model;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CooperationPlatform.Analytics.Application;

/// <summary>
/// Replaces an aggregate's state row with the facts a message carries, if the message is newer than the row. The message handlers
/// and the rebuild both come here, so incremental and rebuilt state cannot differ by construction. Does not save: the caller saves
/// the rows EF Core tracks, and project rows are staged and sent before the commit (<see cref="ProjectRows"/>).
/// </summary>
public sealed class Projector(AnalyticsDbContext db, ILogger<Projector> logger)
{
    /// <summary>
    /// Applies any consumed message. <paramref name="replaceSameVersion"/> lets the rebuild overwrite a row of the same version,
    /// repairing drift; a delivered message only ever replaces an older row.
    /// </summary>
    public Task ApplyAsync(IntegrationEvent message, CancellationToken cancellationToken, bool replaceSameVersion = false) => message switch
    {
        ProjectRegistered m => ApplyProjectAsync(m, m.Project, replaceSameVersion, cancellationToken),
        ProjectUpdated m => ApplyProjectAsync(m, m.Project, replaceSameVersion, cancellationToken),
        ProjectStatusChanged m => ApplyProjectAsync(m, m.Project, replaceSameVersion, cancellationToken),
        ProjectPartnerRolesChanged m => ApplyProjectAsync(m, m.Project, replaceSameVersion, cancellationToken),
        InstitutionEvent m => Upsert(db.Institutions, m, replaceSameVersion, i => Institution(i, m, replaceSameVersion), cancellationToken),
        NetworkMembershipChanged m => ApplyMembershipAsync(m, cancellationToken),
        EventSnapshot m => Upsert(db.Events, m, replaceSameVersion, e => Event(e, m), cancellationToken),
        RegistrationEvent m => Upsert(db.Registrations, m, replaceSameVersion, r => Registration(r, m), cancellationToken),
        MeetingEvent m => Upsert(db.Meetings, m, replaceSameVersion, x => Meeting(x, m), cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>The projection whose state a message describes (its aggregate's row), or null for a message analytics does not keep.</summary>
    public static Projection? ProjectionOf(IntegrationEvent message) => message switch
    {
        ProjectRegistered or ProjectUpdated or ProjectStatusChanged or ProjectPartnerRolesChanged => Projection.Projects,
        InstitutionEvent or NetworkMembershipChanged => Projection.Institutions,
        EventSnapshot => Projection.Events,
        RegistrationEvent => Projection.Registrations,
        MeetingEvent => Projection.Meetings,
        _ => null,
    };

    private static async Task Upsert<TState>(DbSet<TState> states, IntegrationEvent message, bool replaceSameVersion, Action<TState> apply,
        CancellationToken cancellationToken) where TState : class, IProjectionState, new()
    {
        var state = await states.FindAsync([message.AggregateId], cancellationToken);
        if (state is null)
        {
            state = new TState { Id = message.AggregateId };
            states.Add(state);
        }
        else if (state.Version > message.AggregateVersion || (state.Version == message.AggregateVersion && !replaceSameVersion))
        {
            return;
        }
        apply(state);
        state.Version = message.AggregateVersion;
    }

    /// <summary>Replaces the project's row and its partner pairs (<see cref="ProjectRows"/>).</summary>
    private async Task ApplyProjectAsync(IntegrationEvent message, ProjectSnapshot snapshot, bool replaceSameVersion, CancellationToken cancellationToken)
    {
        var project = new ProjectState { Id = message.AggregateId, Version = message.AggregateVersion };
        Project(project, snapshot);
        SkipOutOfRangeCommitments(project);
        await ProjectRows.StageAsync(db, project, replaceSameVersion, cancellationToken);
    }

    private static void Project(ProjectState state, ProjectSnapshot project)
    {
        state.Title = project.Title;
        state.Status = (int?)project.Status;
        state.Modality = (int?)project.Modality;
        state.StartYear = (project.ActualStart ?? project.PlannedStart)?.Year;
        state.PrimarySdg = project.Sdgs.FirstOrDefault(s => s.Primary)?.Goal;
        state.Sdgs = [.. project.Sdgs.Select(s => s.Goal).Distinct().Order()];
        state.Targets = [.. project.Sdgs.SelectMany(s => s.Targets).Distinct().Order(StringComparer.Ordinal)];
        state.Countries = [.. project.Countries.Select(c => c.Country).Distinct().Order(StringComparer.Ordinal)];
        state.Places = PlaceCodes.Of(state.Countries);
        state.Funders = [.. project.Funders.Select(f => f.InstitutionId)
            .Concat(project.Partners.Where(p => p.Roles.Contains(PartnerRole.Funding)).Select(p => p.InstitutionId))
            .Distinct().Order()];
        state.Partners = [.. project.Partners.Select(p => p.InstitutionId).Concat(state.Funders).Distinct().Order()];
        var commitments = project.Funders.SelectMany(f => f.Committed.Select(c => (Funder: f.InstitutionId, c.Currency, c.Amount))).ToArray();
        state.CommitmentFunders = [.. commitments.Select(c => c.Funder)];
        state.CommitmentCurrencies = [.. commitments.Select(c => c.Currency)];
        state.CommitmentAmounts = [.. commitments.Select(c => c.Amount)];
    }

    /// <summary>
    /// A commitment outside 0 to <see cref="NumberValidation.MaxAmount"/> (which the portfolio refuses today, but older messages may
    /// carry) is left out of the projection with a warning rather than kept: summed, it could overflow what a view can return.
    /// </summary>
    private void SkipOutOfRangeCommitments(ProjectState project)
    {
        var keep = Enumerable.Range(0, project.CommitmentAmounts.Length).Where(i => NumberValidation.IsAmount(project.CommitmentAmounts[i])).ToArray();
        if (keep.Length == project.CommitmentAmounts.Length)
        {
            return;
        }
        logger.LogWarning("Project {ProjectId} version {Version}: {Skipped} commitment(s) outside 0 to {Max} left out of the analytics projection",
            project.Id, project.Version, project.CommitmentAmounts.Length - keep.Length, NumberValidation.MaxAmount);
        project.CommitmentFunders = [.. keep.Select(i => project.CommitmentFunders[i])];
        project.CommitmentCurrencies = [.. keep.Select(i => project.CommitmentCurrencies[i])];
        project.CommitmentAmounts = [.. keep.Select(i => project.CommitmentAmounts[i])];
    }

    private static void Institution(InstitutionState state, InstitutionEvent institution, bool replaceSameVersion)
    {
        state.Name = institution.Name;
        state.Type = (int)institution.Type;
        state.Country = institution.Country;
        state.Archived = institution is InstitutionArchived;
        if (institution.AggregateVersion > state.NetworksVersion || replaceSameVersion)
        {
            state.NetworkIds = [.. institution.NetworkIds.Distinct().Order()];
            state.NetworksVersion = institution.AggregateVersion;
        }
    }

    /// <summary>Carries only the member's networks; the rest of the institution row is left to the institution messages.</summary>
    private async Task ApplyMembershipAsync(NetworkMembershipChanged membership, CancellationToken cancellationToken)
    {
        var state = await db.Institutions.FindAsync([membership.AggregateId], cancellationToken);
        if (state is null)
        {
            state = new InstitutionState { Id = membership.AggregateId };
            db.Institutions.Add(state);
        }
        else if (state.NetworksVersion >= membership.AggregateVersion)
        {
            return;
        }
        state.NetworkIds = [.. membership.MemberNetworkIds.Distinct().Order()];
        state.NetworksVersion = membership.AggregateVersion;
    }

    private static void Event(EventState state, EventSnapshot analyticEvent)
    {
        state.Name = analyticEvent.Name;
        state.Status = (int)analyticEvent.Status;
        state.StartYear = analyticEvent.StartDate?.Year;
        state.VenueCity = analyticEvent.VenueCity;
        state.VenueCountry = analyticEvent.VenueCountry;
    }

    private static void Registration(RegistrationState state, RegistrationEvent registration)
    {
        state.EventId = registration.EventId;
        state.ActivityId = registration.ActivityId;
        state.Confirmed = registration is RegistrationConfirmed;
        state.ParticipantId = registration.Participant.ParticipantId;
        state.Country = registration.Participant.Country;
        state.City = registration.Participant.City;
        state.Organization = registration.Participant.OrganizationInstitutionId?.ToString()
            ?? registration.Participant.OrganizationName?.Trim().ToLowerInvariant();
    }

    private static void Meeting(MeetingState state, MeetingEvent meeting)
    {
        state.EventId = meeting.EventId;
        (state.Stage, state.Outcome, state.LinkedProjectId) = meeting switch
        {
            MeetingOutcomeRecorded recorded => (MeetingStage.Held, (int?)recorded.Outcome, recorded.LinkedProjectId),
            MeetingScheduled => (MeetingStage.Scheduled, null, null),
            _ => (MeetingStage.Requested, (int?)null, (Guid?)null),
        };
    }
}
