using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Extensions;
using CooperationPlatform.ServiceDefaults;
using CooperationPlatform.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMessagingAdmin();
app.MapEventsApi();
app.Run();
