using CooperationPlatform.Messaging;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Extensions;
using CooperationPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMessagingAdmin();
app.MapPortfolioApi();
app.Run();
