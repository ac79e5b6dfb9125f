using System.Security.Claims;
using CooperationPlatform.Portfolio.Iati;
using CooperationPlatform.Portfolio.Imports;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CooperationPlatform.Portfolio.Apis;

/// <summary>IATI 2.03 export (one project, or all streamed) and the IATI and CSV imports, each with a dry run.</summary>
public static class IatiApi
{
    public const string XmlContentType = "application/xml";

    public const string Tag = "IATI and imports";

    public static IEndpointRouteBuilder MapIatiApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/projects/{id:guid}/iati", ExportProject)
            .WithTags(Tag)
            .WithName("export-project-to-iati")
            .WithSummary("One project as an IATI 2.03 iati-activities document.")
            .Produces(StatusCodes.Status200OK, contentType: XmlContentType);

        api.MapGet("/iati/activities", ExportAll)
            .WithTags(Tag)
            .WithName("export-all-projects-to-iati")
            .WithSummary("Every project as one IATI 2.03 iati-activities document, streamed.")
            .Produces(StatusCodes.Status200OK, contentType: XmlContentType);

        api.MapPost("/iati/imports", ImportIati)
            .WithTags(Tag)
            .WithName("import-projects-from-iati")
            .WithSummary("Imports an IATI 2.03 activity file (mode=dry-run, the default, or commit), upserting on iati-identifier.")
            .Accepts<Stream>(XmlContentType)
            .RequireAuthorization(PlatformScopes.PortfolioWrite);

        api.MapPost("/csv/imports", ImportCsv)
            .WithTags(Tag)
            .WithName("import-projects-from-csv")
            .WithSummary("Imports projects from CSV (mode=dry-run, the default, or commit), upserting on iatiIdentifier or id.")
            .Accepts<Stream>("text/csv")
            .RequireAuthorization(PlatformScopes.PortfolioWrite);
        return api;
    }

    public static async Task<Results<PushStreamHttpResult, NotFoundProblem>> ExportProject(Guid id, HttpContext context, PortfolioDbContext db,
        IatiExporter exporter, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return project is null
            ? new NotFoundProblem("Project", id)
            : StreamedResults.Stream(context, stream => exporter.WriteOneAsync(stream, project, cancellationToken), XmlContentType);
    }

    public static PushStreamHttpResult ExportAll(HttpContext context, IatiExporter exporter, CancellationToken cancellationToken) =>
        StreamedResults.Stream(context, stream => exporter.WriteAllAsync(stream, cancellationToken), XmlContentType);

    public static async Task<Ok<ImportReport>> ImportIati(HttpContext context, PortfolioDbContext db, ProjectImport import,
        IOptions<IatiOptions> options, ClaimsPrincipal user, CancellationToken cancellationToken, string? mode = null)
    {
        var importMode = ParseMode(mode);
        var maxBytes = AllowLargeBody(context, options.Value.MaxImportBytes);
        var institutions = await InstitutionResolver.LoadAsync(db, cancellationToken);
        var items = ReadIati(context.Request.Body, maxBytes, institutions, cancellationToken);
        return TypedResults.Ok(await import.RunAsync(items, importMode, user, cancellationToken));
    }

    public static async Task<Ok<ImportReport>> ImportCsv(HttpContext context, PortfolioDbContext db, ProjectImport import,
        IOptions<IatiOptions> options, ClaimsPrincipal user, CancellationToken cancellationToken, string? mode = null)
    {
        var importMode = ParseMode(mode);
        AllowLargeBody(context, options.Value.MaxImportBytes);
        var institutions = await InstitutionResolver.LoadAsync(db, cancellationToken);
        var items = CsvProjectReader.ReadAsync(context.Request.Body, institutions, cancellationToken);
        return TypedResults.Ok(await import.RunAsync(items, importMode, user, cancellationToken));
    }

    private static async IAsyncEnumerable<ImportItem> ReadIati(Stream body, long maxBytes, InstitutionResolver institutions,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var activity in IatiFileReader.ReadActivitiesAsync(body, maxBytes, cancellationToken))
        {
            yield return IatiActivityReader.Read(activity, index++, institutions);
        }
    }

    private static ImportMode ParseMode(string? mode) => mode switch
    {
        null or "dry-run" => ImportMode.DryRun,
        "commit" => ImportMode.Commit,
        _ => throw new RequestValidationException("mode", "mode is 'dry-run' (the default) or 'commit'."),
    };

    /// <summary>Imports take files far above the API's 1 MiB body limit; they are read as a stream, so memory does not grow with them.</summary>
    private static long AllowLargeBody(HttpContext context, long maxBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
        return maxBytes;
    }
}
