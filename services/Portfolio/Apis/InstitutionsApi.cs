using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Apis;

/// <summary>The portfolio's replica of directory institutions, read-only: what partners are checked against.</summary>
public static class InstitutionsApi
{
    public static IEndpointRouteBuilder MapInstitutionsApi(this IEndpointRouteBuilder api)
    {
        var institutions = api.MapGroup("/institutions").WithTags("Institutions");

        institutions.MapGet("/", ListInstitutions)
            .WithName("list-portfolio-institutions")
            .WithSummary("The directory institutions the portfolio knows, by name; q filters on name or acronym.");

        institutions.MapGet("/{id:guid}", GetInstitution)
            .WithName("get-portfolio-institution")
            .WithSummary("One institution of the portfolio's replica.");
        return api;
    }

    public static async Task<Results<Ok<Page<InstitutionResponse>>, BadRequestProblem>> ListInstitutions(
        [AsParameters] PageRequest page, PortfolioDbContext db, CancellationToken cancellationToken, string? q = null)
    {
        page = page.Validated();
        var query = db.Institutions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + q.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            query = query.Where(i => EF.Functions.ILike(i.Name, pattern) || (i.Acronym != null && EF.Functions.ILike(i.Acronym, pattern)));
        }
        var count = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderBy(i => i.Name).ThenBy(i => i.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(i => new InstitutionResponse(i.Id, i.Name, i.Acronym, i.Country, i.Type, i.Archived, i.UpdatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<InstitutionResponse>(page.PageIndex, page.PageSize, count, items));
    }

    public static async Task<Results<Ok<InstitutionResponse>, NotFoundProblem>> GetInstitution(Guid id, PortfolioDbContext db,
        CancellationToken cancellationToken)
    {
        var institution = await db.Institutions.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new InstitutionResponse(i.Id, i.Name, i.Acronym, i.Country, i.Type, i.Archived, i.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return institution is null ? new NotFoundProblem("Institution", id) : TypedResults.Ok(institution);
    }
}
