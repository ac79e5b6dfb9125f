using CooperationPlatform.Gateway.Edge;
using CooperationPlatform.Gateway.Extensions;
using CooperationPlatform.Gateway.Identity;
using CooperationPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPartnerAccess();
builder.AddGatewayEdge();
builder.AddPlatformReverseProxy();

var app = builder.Build();
if (await GatewayCommands.TryRunAsync(app, args))
{
    return;
}
app.UseGatewayEdge();
app.MapDefaultEndpoints();
app.UseGatewayLimits();
app.MapTokenEndpoint();
app.MapPartnerClientsApi();
app.MapApiReference();
app.MapPlatformReverseProxy();
app.Run();
