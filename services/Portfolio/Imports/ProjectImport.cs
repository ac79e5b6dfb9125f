using System.Security.Claims;
using CooperationPlatform.Portfolio.Application;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.Portfolio.Search;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Imports;

/// <summary>
/// Applies parsed import records (IATI or CSV) through the same rules as the API, as a stream. Each record is created or updated
/// (upserting on its IATI identifier) or fails alone with its errors. A commit writes in batches inside one transaction that commits
/// only after the last record, so a file that turns out malformed half-way changes nothing; a dry run never writes.
/// </summary>
public sealed class ProjectImport(PortfolioDbContext db, ProjectCommands commands, ProjectSearchIndex searchIndex)
{
    private const int BatchSize = 250;

    public async Task<ImportReport> RunAsync(IAsyncEnumerable<ImportItem> items, ImportMode mode, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var report = new ImportReportBuilder(mode);
        var indexed = new List<SearchDocument>();
        await using var transaction = mode == ImportMode.Commit ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var staged = 0;
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (item.Errors.Count > 0 || item.Request is null)
            {
                report.Add(item, ImportOutcome.Failed, item.ProjectId, WithRuleErrors(item));
                continue;
            }
            try
            {
                var (outcome, projectId) = await StageAsync(item, user, cancellationToken);
                report.Add(item, outcome, projectId);
                staged++;
            }
            catch (Exception e) when (ImportError(e) is { } errors)
            {
                // Every check runs before a record changes anything, so a failed record leaves nothing behind to save.
                report.Add(item, ImportOutcome.Failed, item.ProjectId, errors);
            }
            if (staged >= BatchSize)
            {
                indexed.AddRange(await FlushAsync(mode, cancellationToken));
                staged = 0;
            }
        }
        indexed.AddRange(await FlushAsync(mode, cancellationToken));
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            foreach (var document in indexed)
            {
                searchIndex.Upsert(document);
            }
        }
        return report.Build();
    }

    private async Task<(ImportOutcome Outcome, Guid ProjectId)> StageAsync(ImportItem item, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var request = item.Request!;
        var existing = request.IatiIdentifier is { } iatiIdentifier
            ? await commands.FindByIatiIdentifierAsync(iatiIdentifier, cancellationToken)
            : request.Id is { } id ? await db.Projects.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
        if (existing is null)
        {
            var created = await commands.StageRegistrationAsync(request, user.GetClientId(), cancellationToken);
            return (ImportOutcome.Created, created.Id);
        }
        if (request.Id is { } requestedId && requestedId != existing.Id)
        {
            throw new ConflictException($"The IATI identifier '{existing.IatiIdentifier}' belongs to project {existing.Id}, not {requestedId}.");
        }
        user.EnsureOwnerOrAdmin(existing.OwnerClientId);
        var status = request.Status;
        if (status is { } target && target != existing.Status)
        {
            // Checked before anything changes, so that a record fails whole.
            existing.EnsureCanChangeStatus(target);
        }
        var change = await commands.StageUpdateAsync(existing, request with { Status = existing.Status, IatiIdentifier = existing.IatiIdentifier }, cancellationToken);
        var statusChanged = status is { } s && s != existing.Status;
        if (statusChanged)
        {
            commands.StageStatusChange(existing, status!.Value, "Imported", user.GetClientId());
        }
        return (change.Any || statusChanged ? ImportOutcome.Updated : ImportOutcome.Unchanged, existing.Id);
    }

    private async Task<IReadOnlyList<SearchDocument>> FlushAsync(ImportMode mode, CancellationToken cancellationToken)
    {
        IReadOnlyList<SearchDocument> documents = [];
        if (mode == ImportMode.Commit)
        {
            var saved = await commands.SaveChangesAsync(cancellationToken);
            documents = [.. saved.Select(p => SearchDocument.From(p, searchIndex.Institutions))];
        }
        db.ChangeTracker.Clear();
        return documents;
    }

    /// <summary>A record that could not be read is also checked against the project rules, so one report lists all its problems.</summary>
    private static Dictionary<string, string[]> WithRuleErrors(ImportItem item)
    {
        var errors = item.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
        try
        {
            if (item.Request is not null)
            {
                ProjectRequestValidator.Validate(item.Request);
            }
        }
        catch (RequestValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                errors[field] = [.. errors.GetValueOrDefault(field, []), .. messages];
            }
        }
        return errors;
    }

    private static IReadOnlyDictionary<string, string[]>? ImportError(Exception e) => e switch
    {
        RequestValidationException v => v.Errors,
        UnprocessableException u => u.Errors,
        ConflictException c => new Dictionary<string, string[]> { ["project"] = [c.Message] },
        ForbiddenException f => new Dictionary<string, string[]> { ["project"] = [f.Message] },
        _ => null,
    };
}
