using CooperationPlatform.ServiceDefaults;

namespace CooperationPlatform.Events.Apis;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceInfo("events");
        return app;
    }
}
