using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Extensions;
using CooperationPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDirectoryApi();
app.Run();
