namespace CooperationPlatform.Events.Apis;

public static class EndpointConventions
{
    /// <summary>Documents the problem-details responses an endpoint gives, in one call.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            endpoint.ProducesProblem(status);
        }
        return endpoint;
    }

    /// <summary>The problems of an update with If-Match: invalid, missing, conflicting, stale ETag, no ETag.</summary>
    public static RouteHandlerBuilder ProducesUpdateProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblems(400, 404, 409, 412, 428);
}
