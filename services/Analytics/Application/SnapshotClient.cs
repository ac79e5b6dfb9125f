using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.ServiceDefaults.Api;

namespace CooperationPlatform.Analytics.Application;

/// <summary>
/// Reads the source services' reconciliation snapshots (GET /api/{service}/v1/admin/snapshot/{aggregate}, a JSON array) through
/// service discovery, with the caller's platform-admin token, and turns each item back into the message it stands for.
/// </summary>
public sealed class SnapshotClient(HttpClient http, ILogger<SnapshotClient> logger)
{
    public async Task<IReadOnlyList<SnapshotSet>> ReadAllAsync(string? bearerToken, CancellationToken cancellationToken)
    {
        if (bearerToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
        return
        [
            await ReadAsync("directory", "institutions", [Projection.Institutions], Institution, cancellationToken),
            await ReadAsync("portfolio", "projects", [Projection.Projects], Project, cancellationToken),
            await ReadAsync("events", "events", [Projection.Events], Event, cancellationToken),
            await ReadAsync("events", "registrations", [Projection.Registrations], Registration, cancellationToken),
            await ReadAsync("events", "meetings", [Projection.Meetings], Meeting, cancellationToken),
        ];
    }

    private async Task<SnapshotSet> ReadAsync(string service, string aggregate, IReadOnlyList<Projection> projections,
        Func<JsonElement, IntegrationEvent> toMessage, CancellationToken cancellationToken)
    {
        var source = $"{service}/{aggregate}";
        try
        {
            // Read whole before applying, so that a broken stream leaves the projection untouched.
            using var response = await http.GetAsync($"http://{service}-api/api/{service}/v1/admin/snapshot/{aggregate}", cancellationToken);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                return new SnapshotSet(source, projections, null);
            }
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var items = await JsonSerializer.DeserializeAsync<JsonElement[]>(body, ApiDefaults.JsonOptions, cancellationToken) ?? [];
            return new SnapshotSet(source, projections, ToAsync(items.Select(toMessage)));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The {Source} snapshot could not be read; its projection is kept", source);
            return new SnapshotSet(source, projections, null);
        }
    }

    private static async IAsyncEnumerable<IntegrationEvent> ToAsync(IEnumerable<IntegrationEvent> messages, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return message;
        }
        await Task.CompletedTask;
    }

    private static T As<T>(JsonElement item) => item.Deserialize<T>(ApiDefaults.JsonOptions)!;

    private static bool Has(JsonElement item, string property) => item.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The portfolio streams {aggregateId, aggregateVersion, project}.</summary>
    private static IntegrationEvent Project(JsonElement item) => new ProjectUpdated
    {
        AggregateId = item.GetProperty("aggregateId").GetGuid(),
        AggregateVersion = item.GetProperty("aggregateVersion").GetInt64(),
        Project = As<ProjectSnapshot>(item.GetProperty("project")),
    };

    /// <summary>The directory streams {messageType, message}, message being the institution's latest InstitutionUpdated or InstitutionArchived.</summary>
    private static IntegrationEvent Institution(JsonElement item)
    {
        if (Has(item, "messageType"))
        {
            var message = item.GetProperty("message");
            return item.GetProperty("messageType").GetString() == nameof(InstitutionArchived) ? As<InstitutionArchived>(message) : As<InstitutionUpdated>(message);
        }
        return Has(item, "archived") && item.GetProperty("archived").GetBoolean() ? As<InstitutionArchived>(item) : As<InstitutionUpdated>(item);
    }

    private static IntegrationEvent Event(JsonElement item) => Has(item, "counts") ? As<EventConcluded>(item) : As<EventScheduled>(item);

    private static IntegrationEvent Registration(JsonElement item) =>
        Has(item, "wasConfirmed") ? As<RegistrationCancelled>(item) : As<RegistrationConfirmed>(item);

    private static IntegrationEvent Meeting(JsonElement item) =>
        Has(item, "outcome") ? As<MeetingOutcomeRecorded>(item) : Has(item, "sessionId") ? As<MeetingScheduled>(item) : As<MeetingRequested>(item);
}
