using System.Text.Json;
using MinimalEndpoint;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
var apps = SampleApps.Create(count: 1);

app.MapGet("/v3/apps/{guid}", (string guid, HttpRequest request) =>
    apps.TryGetValue(guid, out var stored)
        ? Results.Json(AppDocument.From(stored, $"{request.Scheme}://{request.Host}"), json)
        : Results.NotFound());
app.MapGet("/v3/apps", () => Results.Json(apps.Keys, json));
app.Run();
