using CooperationPlatform.Analytics.Apis;
using CooperationPlatform.Analytics.Extensions;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMessagingAdmin();
app.MapAnalyticsApi();
app.Run();
