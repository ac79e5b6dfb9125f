using CooperationPlatform.Directory.IntegrationEvents;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Directory.Application;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Apis;

/// <summary>
/// Snapshots for analytics' reconciliation: every record's current state in the shape of the latest message it produced, streamed
/// in id order. Platform admins only.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/snapshot").WithTags("Admin").RequireAuthorization(PlatformScopes.PlatformAdmin);
        admin.MapGet("/institutions", Institutions)
            .WithName("snapshot-institutions")
            .WithSummary("Every institution and network as its latest message: institution-updated, or institution-archived.");
        admin.MapGet("/memberships", Memberships)
            .WithName("snapshot-memberships")
            .WithSummary("Every membership as its latest network-membership-changed message.");
        admin.MapGet("/listings", Listings)
            .WithName("snapshot-listings")
            .WithSummary("Every offer and need as its latest message (offer-updated, offer-archived, need-updated, need-archived).");
        return api;
    }

    public static Ok<IAsyncEnumerable<SnapshotItem>> Institutions(DirectoryDbContext db) =>
        TypedResults.Ok(Stream(db.Institutions.AsNoTracking().OrderBy(i => i.Id).AsAsyncEnumerable(), OutgoingEvents.Latest));

    public static Ok<IAsyncEnumerable<SnapshotItem>> Memberships(DirectoryDbContext db) =>
        TypedResults.Ok(Stream(
            db.Memberships.AsNoTracking().OrderBy(m => m.Id)
                .Join(db.Institutions.AsNoTracking(), m => m.MemberId, i => i.Id, (m, i) => new { Membership = m, Member = i })
                .AsAsyncEnumerable(),
            pair => OutgoingEvents.MembershipChanged(pair.Membership, pair.Member)));

    public static Ok<IAsyncEnumerable<SnapshotItem>> Listings(DirectoryDbContext db) =>
        TypedResults.Ok(Stream(db.Listings.AsNoTracking().OrderBy(l => l.Id).AsAsyncEnumerable(), OutgoingEvents.LatestListing));

    private static async IAsyncEnumerable<SnapshotItem> Stream<T>(IAsyncEnumerable<T> records, Func<T, IntegrationEvent> toMessage)
    {
        await foreach (var record in records)
        {
            var message = toMessage(record);
            yield return new SnapshotItem(message.GetType().Name, message);
        }
    }
}

/// <summary>A record's state as a message: its type name (InstitutionUpdated, ...) and the message, serialized as that type.</summary>
public sealed record SnapshotItem(string MessageType, object Message);
