using CooperationPlatform.ServiceDefaults;

namespace CooperationPlatform.Directory.Apis;

public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceInfo("directory");
        var api = app.MapGroup("/api/directory/v1");
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
