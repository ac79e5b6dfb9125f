using CooperationPlatform.ServiceDefaults;
using CooperationPlatform.ServiceDefaults.Api;

namespace CooperationPlatform.Directory.Apis;

public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceInfo("directory");
        var api = app.MapApiGroup("directory");
        api.MapInstitutionsApi();
        api.MapMembershipsApi();
        api.MapListingsApi();
        api.MapMatchingApi();
        api.MapTrackRecordApi();
        api.MapImportApi();
        api.MapAdminApi();
        return app;
    }
}
