using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Extensions;
using CooperationPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPortfolioApi();
app.Run();
