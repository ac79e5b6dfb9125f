using CooperationPlatform.ServiceDefaults;

namespace CooperationPlatform.Portfolio.Apis;

public static class PortfolioApi
{
    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceInfo("portfolio");
        app.MapProjectsApi();
        app.MapInstitutionsApi();
        app.MapIatiApi();
        app.MapPortfolioAdminApi();
        return app;
    }
}
