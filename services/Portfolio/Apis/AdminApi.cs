using System.Text.Json;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Apis;

/// <summary>Reconciliation for consumers (analytics): every project's current state in the shape its messages carry.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/admin/snapshot/projects", StreamProjects)
            .WithTags("Admin")
            .WithName("snapshot-projects")
            .WithSummary("Streams a JSON array of {aggregateId, aggregateVersion, project} for every project, project being the messages' ProjectSnapshot.")
            .RequireAuthorization(PlatformScopes.PlatformAdmin);
        return api;
    }

    public static PushStreamHttpResult StreamProjects(HttpContext context, PortfolioDbContext db, CancellationToken cancellationToken) =>
        StreamedResults.Stream(context, async stream =>
        {
            await using var json = new Utf8JsonWriter(stream);
            json.WriteStartArray();
            var written = 0;
            await foreach (var project in db.Projects.AsNoTracking().OrderBy(p => p.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                json.WriteStartObject();
                json.WriteString("aggregateId", project.Id);
                json.WriteNumber("aggregateVersion", project.Version);
                json.WritePropertyName("project");
                JsonSerializer.Serialize(json, project.ToSnapshot(), ApiDefaults.JsonOptions);
                json.WriteEndObject();
                if (++written % 100 == 0)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }
            json.WriteEndArray();
            await json.FlushAsync(cancellationToken);
        }, "application/json");
}
