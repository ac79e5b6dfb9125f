using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Extensions;
using CooperationPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEventsApi();
app.Run();
