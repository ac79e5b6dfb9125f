using CooperationPlatform.Portal;
using CooperationPlatform.ServiceDefaults;
using CooperationPlatform.ServiceDefaults.Health;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults();
builder.AddPortal();

var app = builder.Build();
app.UsePortal();
app.MapHealthEndpoints();
app.MapPortal();
app.Run();
