using CooperationPlatform.Gateway.Edge;
using CooperationPlatform.Gateway.Extensions;
using CooperationPlatform.Gateway.Identity;
using CooperationPlatform.ServiceDefaults;

if (GatewayCommands.IsCommand(args))
{
    return await GatewayCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPartnerAccess();
builder.AddGatewayEdge();
builder.AddPlatformReverseProxy();

var app = builder.Build();
app.UseGatewayEdge();
app.UseConfiguredIssuer();
app.MapDefaultEndpoints();
app.UseGatewayLimits();
app.MapTokenEndpoint();
app.MapPartnerClientsApi();
app.MapApiReference();
app.MapPlatformReverseProxy();
await app.RunAsync();
return 0;
