using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Messaging;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.Portfolio.Model;

namespace CooperationPlatform.Portfolio.IntegrationEvents;

/// <summary>
/// Keeps the portfolio's replica of directory institutions: each directory message carries the institution's whole state,
/// so the newest version simply replaces the copy, and a message older than the copy (redelivered, or overtaken) is ignored.
/// </summary>
public sealed class InstitutionReplicaHandler(PortfolioDbContext db, TimeProvider clock) :
    IIntegrationEventHandler<InstitutionRegistered>,
    IIntegrationEventHandler<InstitutionUpdated>,
    IIntegrationEventHandler<InstitutionArchived>
{
    public Task HandleAsync(InstitutionRegistered message, CancellationToken cancellationToken) => ApplyAsync(message, archived: false, cancellationToken);

    public Task HandleAsync(InstitutionUpdated message, CancellationToken cancellationToken) => ApplyAsync(message, archived: false, cancellationToken);

    public Task HandleAsync(InstitutionArchived message, CancellationToken cancellationToken) => ApplyAsync(message, archived: true, cancellationToken);

    private async Task ApplyAsync(InstitutionEvent message, bool archived, CancellationToken cancellationToken)
    {
        var institution = await db.Institutions.FindAsync([message.InstitutionId], cancellationToken);
        if (institution is null)
        {
            institution = new Institution { Id = message.InstitutionId, Name = message.Name };
            db.Institutions.Add(institution);
        }
        else if (institution.SourceVersion > message.AggregateVersion)
        {
            return;
        }
        institution.Name = message.Name;
        institution.Acronym = message.Acronym;
        institution.Country = message.Country;
        institution.Type = message.Type;
        institution.Archived = archived;
        institution.SourceVersion = message.AggregateVersion;
        institution.UpdatedAt = clock.GetUtcNow();
    }
}
