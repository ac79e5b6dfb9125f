using CooperationPlatform.ServiceDefaults;

namespace CooperationPlatform.Analytics.Apis;

public static class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceInfo("analytics");
        return app;
    }
}
