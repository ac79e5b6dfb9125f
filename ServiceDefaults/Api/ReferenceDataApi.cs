using System.Security.Cryptography;
using System.Text.Json;
using CooperationPlatform.Contracts.Reference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace CooperationPlatform.ServiceDefaults.Api;

public sealed record CountryResponse(string Code, string Alpha2, int M49, string Name, string Region, string SubRegion, string? IntermediateRegion, bool Ldc, bool Lldc, bool Sids);

public sealed record RegionResponse(string Code, string Name, string Level, string? Parent);

public sealed record SdgResponse(int Goal, string Name, IReadOnlyList<string> Targets);

public sealed record TermResponse(string Code, string Label, IReadOnlyList<string>? DacCrsCodes = null);

/// <summary>
/// The vocabularies a partner needs to write valid requests (country codes, M49 regions, SDGs and targets, sectors, cooperation modes,
/// currencies), served by every service from the shared Contracts data. They change with releases only: public and cacheable for a day,
/// with one ETag for all of them, taken from their content, so that every service and instance gives the same one and a client that
/// sends it back in <c>If-None-Match</c> gets 304.
/// </summary>
public static class ReferenceDataApi
{
    private const string CacheControl = "public, max-age=86400";

    public static IEndpointRouteBuilder MapReferenceData(this IEndpointRouteBuilder endpoints, string service)
    {
        var countries = Countries.All.Select(c => new CountryResponse(c.Alpha3, c.Alpha2, c.M49, c.Name, c.RegionCode, c.SubRegionCode, c.IntermediateRegionCode, c.IsLdc, c.IsLldc, c.IsSids)).ToList();
        var regions = Regions.All.Select(r => new RegionResponse(r.Code, r.Name, r.Level.ToString(), r.ParentCode)).ToList();
        var sdgs = Sdgs.All.Select(g => new SdgResponse(g.Number, g.Name, g.Targets)).ToList();
        var sectors = Vocabularies.Sectors.Terms.Select(t => new TermResponse(t.Code, t.Label, t.DacCrsCodes)).ToList();
        var modes = Vocabularies.CooperationModes.Terms.Select(t => new TermResponse(t.Code, t.Label)).ToList();
        var currencies = Currencies.All;
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(
            JsonSerializer.SerializeToUtf8Bytes(new { countries, regions, sdgs, sectors, modes, currencies }, JsonSerializerOptions.Web)))[..32]}\"");

        var reference = endpoints.MapGroup($"/api/{service}/v1/reference").WithTags("Reference data")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified))
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.CacheControl = CacheControl;
                http.Response.Headers.ETag = etag.ToString();
                if (http.Request.GetTypedHeaders().IfNoneMatch.Any(sent => sent.Equals(EntityTagHeaderValue.Any) || sent.Compare(etag, useStrongComparison: false)))
                {
                    return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                }
                return await next(context);
            });

        reference.MapGet("/countries", () => TypedResults.Ok(countries))
            .WithName($"{service}-reference-countries").WithSummary("Countries (ISO 3166-1 alpha-3) with their UN M49 regions and LDC, LLDC and SIDS groupings.");
        reference.MapGet("/regions", () => TypedResults.Ok(regions))
            .WithName($"{service}-reference-regions").WithSummary("UN M49 regions, sub-regions and intermediate regions.");
        reference.MapGet("/sdgs", () => TypedResults.Ok(sdgs))
            .WithName($"{service}-reference-sdgs").WithSummary("The 17 Sustainable Development Goals and their 169 targets.");
        reference.MapGet("/sectors", () => TypedResults.Ok(sectors))
            .WithName($"{service}-reference-sectors").WithSummary("The sector vocabulary, with OECD DAC CRS purpose codes where one fits.");
        reference.MapGet("/cooperation-modes", () => TypedResults.Ok(modes))
            .WithName($"{service}-reference-cooperation-modes").WithSummary("The cooperation modes of South-South and triangular cooperation.");
        reference.MapGet("/currencies", () => TypedResults.Ok(currencies))
            .WithName($"{service}-reference-currencies").WithSummary("ISO 4217 currency codes accepted for budgets and commitments.");
        return endpoints;
    }
}
