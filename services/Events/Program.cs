using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Extensions;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMessagingAdmin();
app.MapEventsApi();
app.Run();
