using CooperationPlatform.ServiceDefaults;

namespace CooperationPlatform.Directory.Apis;

public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceInfo("directory");
        return app;
    }
}
