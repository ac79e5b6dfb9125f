using CooperationPlatform.Gateway.Proxy;

namespace CooperationPlatform.Gateway.Tests;

/// <summary>Which paths the gateway sends to the web portal: everything but the API's and its own.</summary>
public sealed class PortalRouteTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("directory")]
    [InlineData("directory/institutions/c0000000-5050-4000-8000-000000000120")]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("app.css")]
    [InlineData("apis")]
    [InlineData("documents/docs")]
    [InlineData("healthy")]
    public void A_path_outside_the_reserved_segments_is_the_portals(string? path) => Assert.True(PortalRoute.IsPortalPath(path));

    [Theory]
    [InlineData("api")]
    [InlineData("api/directory/v1/institutions")]
    [InlineData("API/unknown")]
    [InlineData("openapi/directory/v1.json")]
    [InlineData("docs")]
    [InlineData("docs/scalar.js")]
    [InlineData("health")]
    [InlineData("alive")]
    [InlineData("connect/token")]
    [InlineData("admin/clients")]
    [InlineData(".well-known/openid-configuration")]
    [InlineData("/api/x")]
    public void The_api_and_the_gateways_own_paths_are_never_the_portals(string path) => Assert.False(PortalRoute.IsPortalPath(path));
}
