using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.ServiceDefaults;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CooperationPlatform.Analytics.Apis;

/// <summary>
/// The views, each computed from the projection state and cached until a projection it reads changes.
/// Every view takes fromYear, toYear, status and format=csv.
/// </summary>
public static class AnalyticsApi
{
    private static readonly Projection[] ProjectReads = [Projection.Projects];
    private static readonly Projection[] PlaceReads = [Projection.Projects, Projection.Institutions, Projection.Events, Projection.Registrations];
    private static readonly Projection[] ReachReads = [Projection.Projects, Projection.Institutions];
    private static readonly Projection[] EventReads = [Projection.Events, Projection.Registrations, Projection.Meetings];
    private static readonly Projection[] AllReads = Enum.GetValues<Projection>();

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceInfo("analytics");
        var api = app.MapApiGroup("analytics").WithTags("Analytics");

        api.MapGet("/overview", GetOverview).WithName("get-overview")
            .WithSummary("Projects by status and modality, countries reached, SDGs covered, institutions, networks, events, participants, meetings.");
        api.MapGet("/sdgs", GetSdgs).WithName("list-sdg-figures").WithSummary("For each SDG 1 to 17, the projects with it as primary and as secondary goal.");
        api.MapGet("/sdgs/{sdg}", GetSdg).WithName("get-sdg-figures")
            .WithSummary("One SDG: projects as primary and secondary, by status and modality, countries reached, partners, funding per currency, targets.");
        api.MapGet("/partnerships", GetPartnerships).WithName("get-partnership-indicators")
            .WithSummary("SDG 17 partnership indicators: projects with three or more partner institutions, triangular projects, distinct partner pairs.");
        api.MapGet("/countries/{country}", GetCountry).WithName("get-country-figures")
            .WithSummary("A country (ISO alpha-3): projects with it as recipient, institutions based there, events hosted, participants from there.");
        api.MapGet("/regions/{region}", GetRegion).WithName("get-region-figures").WithSummary("The same figures for the countries of an M49 region.");
        api.MapGet("/groupings/{grouping}", GetGrouping).WithName("get-grouping-figures").WithSummary("The same figures for the LDC, LLDC or SIDS countries.");
        api.MapGet("/modalities", GetModalityTrend).WithName("get-modality-trend")
            .WithSummary("Projects per start year and modality: South-South and triangular trends.");
        api.MapGet("/funders/{funderId:guid}", GetFunder).WithName("get-funder-figures")
            .WithSummary("The projects a funder funds: count, countries reached, SDGs, its commitments per currency.");
        api.MapGet("/networks/{networkId:guid}", GetNetwork).WithName("get-network-figures")
            .WithSummary("The projects of a network's member institutions, optionally only those a funder funds (funderId): count, countries reached, SDGs.");
        api.MapGet("/events/{eventId:guid}", GetEvent).WithName("get-event-figures")
            .WithSummary("An event: confirmed participants, organizations, cities and countries, and its matchmaking funnel. Status is an event status.");
        api.MapGet("/funnel", GetFunnel).WithName("get-funnel")
            .WithSummary("The matchmaking funnel over all events (or one, eventId): meetings requested, scheduled, held, leads, linked projects.");
        api.MapPost("/admin/rebuild", Rebuild).WithName("rebuild-projections")
            .WithSummary("Rebuilds every projection from the source services' snapshots (reconciliation).")
            .RequireAuthorization(PlatformScopes.PlatformAdmin);
        return app;
    }

    private static async Task<Results<Ok<T>, FileContentHttpResult, BadRequestProblem>> Respond<T>(ViewRequest request, ViewScope scope, string view,
        IReadOnlyList<Projection> reads, Func<CancellationToken, Task<T>> compute, ViewCache cache, CancellationToken cancellationToken)
    {
        var result = await cache.GetOrComputeAsync($"{view}:{scope.Key}", reads, async ct => await compute(ct), cancellationToken);
        return request.WantsCsv ? CsvExport.ToCsv(result, view.Replace(':', '-')) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<T>, FileContentHttpResult, BadRequestProblem, NotFoundProblem>> RespondOrNotFound<T>(ViewRequest request, ViewScope scope, string view,
        NotFoundProblem missing, IReadOnlyList<Projection> reads, Func<CancellationToken, Task<T?>> compute, ViewCache cache, CancellationToken cancellationToken) where T : class
    {
        var result = await cache.GetOrComputeAsync($"{view}:{scope.Key}", reads, async ct => await compute(ct), cancellationToken);
        return result is null ? missing : request.WantsCsv ? CsvExport.ToCsv(result, view.Replace(':', '-')) : TypedResults.Ok(result);
    }

    public static Task<Results<Ok<Overview>, FileContentHttpResult, BadRequestProblem>> GetOverview(
        [AsParameters] ViewRequest request, ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        var scope = request.Validated<ProjectStatus>();
        return Respond(request, scope, "overview", AllReads, ct => queries.OverviewAsync(scope, ct), cache, cancellationToken);
    }

    public static Task<Results<Ok<IReadOnlyList<SdgSummary>>, FileContentHttpResult, BadRequestProblem>> GetSdgs([AsParameters] ViewRequest request,
        ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        var scope = request.Validated<ProjectStatus>();
        return Respond(request, scope, "sdgs", ProjectReads, ct => queries.SdgsAsync(scope, ct), cache, cancellationToken);
    }

    public static Task<Results<Ok<SdgView>, FileContentHttpResult, BadRequestProblem>> GetSdg(string sdg, [AsParameters] ViewRequest request,
        ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        var goal = int.TryParse(sdg, out var number) && Sdgs.IsGoal(number) ? number : 0;
        new ValidationErrors().Require(goal != 0, "sdg", "Must be an SDG number from 1 to 17.").ThrowIfAny();
        var scope = request.Validated<ProjectStatus>();
        return Respond(request, scope, $"sdg:{goal}", ProjectReads, ct => queries.SdgAsync(goal, scope, ct), cache, cancellationToken);
    }

    public static Task<Results<Ok<PartnershipIndicators>, FileContentHttpResult, BadRequestProblem>> GetPartnerships(
        [AsParameters] ViewRequest request, ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        var scope = request.Validated<ProjectStatus>();
        return Respond(request, scope, "partnerships", ProjectReads, ct => queries.PartnershipsAsync(scope, ct), cache, cancellationToken);
    }

    public static Task<Results<Ok<PlaceView>, FileContentHttpResult, BadRequestProblem>> GetCountry(
        string country, [AsParameters] ViewRequest request, ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        new ValidationErrors().Country("country", country).ThrowIfAny();
        Countries.TryGet(country, out var found);
        return Place(found!.Alpha3, found.Name, [found.Alpha3], request, queries, cache, cancellationToken);
    }

    public static Task<Results<Ok<PlaceView>, FileContentHttpResult, BadRequestProblem>> GetRegion(string region, [AsParameters] ViewRequest request,
        ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        new ValidationErrors().Region("region", region).ThrowIfAny();
        Regions.TryGet(region, out var found);
        return Place(found!.Code, found.Name, [.. Regions.CountriesIn(found.Code).Select(c => c.Alpha3)], request, queries, cache, cancellationToken);
    }

    public static Task<Results<Ok<PlaceView>, FileContentHttpResult, BadRequestProblem>> GetGrouping(
        string grouping, [AsParameters] ViewRequest request, ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        var known = CountryGroupings.TryParse(grouping, out var parsed);
        new ValidationErrors().Require(known, "grouping", "Must be ldc, lldc or sids.").ThrowIfAny();
        return Place(parsed.ToCode(), parsed.ToString().ToUpperInvariant(), [.. Countries.InGrouping(parsed).Select(c => c.Alpha3)],
            request, queries, cache, cancellationToken);
    }

    private static Task<Results<Ok<PlaceView>, FileContentHttpResult, BadRequestProblem>> Place(
        string code, string name, IReadOnlyList<string> countries, ViewRequest request, ProjectionQueries queries, ViewCache cache,
        CancellationToken cancellationToken)
    {
        var scope = request.Validated<ProjectStatus>();
        return Respond(request, scope, $"place:{code}", PlaceReads, ct => queries.PlaceAsync(code, name, countries, scope, ct), cache, cancellationToken);
    }

    public static Task<Results<Ok<ModalityTrend>, FileContentHttpResult, BadRequestProblem>> GetModalityTrend([AsParameters] ViewRequest request,
        ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        var scope = request.Validated<ProjectStatus>();
        return Respond(request, scope, "modalities", ProjectReads, ct => queries.ModalityTrendAsync(scope, ct), cache, cancellationToken);
    }

    public static Task<Results<Ok<ReachView>, FileContentHttpResult, BadRequestProblem, NotFoundProblem>> GetFunder(
        Guid funderId, [AsParameters] ViewRequest request, ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        var scope = request.Validated<ProjectStatus>();
        return RespondOrNotFound(request, scope, $"funder:{funderId}", new NotFoundProblem("Funder", funderId), ReachReads, ct => queries.FunderAsync(funderId, scope, ct), cache, cancellationToken);
    }

    public static Task<Results<Ok<ReachView>, FileContentHttpResult, BadRequestProblem, NotFoundProblem>> GetNetwork(Guid networkId, Guid? funderId,
        [AsParameters] ViewRequest request, ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        var scope = request.Validated<ProjectStatus>();
        return RespondOrNotFound(request, scope, $"network:{networkId}:{funderId}", new NotFoundProblem("Network", networkId), ReachReads,
            ct => queries.NetworkAsync(networkId, funderId, scope, ct), cache, cancellationToken);
    }

    public static Task<Results<Ok<EventView>, FileContentHttpResult, BadRequestProblem, NotFoundProblem>> GetEvent(
        Guid eventId, [AsParameters] ViewRequest request, ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        var scope = request.Validated<EventStatus>();
        return RespondOrNotFound(request, scope, $"event:{eventId}", new NotFoundProblem("Event", eventId), EventReads, ct => queries.EventAsync(eventId, scope, ct), cache, cancellationToken);
    }

    public static Task<Results<Ok<Funnel>, FileContentHttpResult, BadRequestProblem>> GetFunnel(Guid? eventId, [AsParameters] ViewRequest request,
        ProjectionQueries queries, ViewCache cache, CancellationToken cancellationToken)
    {
        var scope = request.Validated<EventStatus>();
        return Respond(request, scope, $"funnel:{eventId}", [Projection.Events, Projection.Meetings], ct => queries.FunnelAsync(eventId, scope, ct), cache, cancellationToken);
    }

    public static async Task<Results<Ok<RebuildResult>, BadRequestProblem>> Rebuild(
        HttpRequest request, SnapshotClient snapshots, ProjectionRebuilder rebuilder, CancellationToken cancellationToken)
    {
        var token = request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..] : null;
        return TypedResults.Ok(await rebuilder.RebuildAsync(await snapshots.ReadAllAsync(token, cancellationToken), cancellationToken));
    }
}
