using CooperationPlatform.ServiceDefaults;
using CooperationPlatform.ServiceDefaults.Api;

namespace CooperationPlatform.Portfolio.Apis;

public static class PortfolioApi
{
    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceInfo("portfolio");
        var api = app.MapApiGroup("portfolio");
        api.MapProjectsApi();
        api.MapInstitutionsApi();
        api.MapIatiApi();
        api.MapAdminApi();
        return app;
    }
}
