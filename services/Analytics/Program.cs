using CooperationPlatform.Analytics.Apis;
using CooperationPlatform.Analytics.Extensions;
using CooperationPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAnalyticsApi();
app.Run();
