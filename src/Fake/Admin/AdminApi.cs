using System.Text.Json;
using System.Text.Json.Serialization;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;

namespace CloudFoundry.Fake.Admin;

/// <summary>
/// The fake's own control surface under <c>/_fake</c>: foundations (create, fork, reset, snapshot, restore),
/// clock, lifecycles, faults, the request journal and seeded users. The fixtures call the same operations.
/// </summary>
public sealed class AdminApi : IFeatureModule
{
    public void AddServices(IServiceCollection services) => services.AddSingleton<SupportMatrix>();

    public void Map(IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/_fake");
        admin.MapGet("/support", (SupportMatrix matrix, string? format) =>
            format == "markdown" ? Results.Text(matrix.Markdown(), "text/markdown") : Results.Json(matrix.Entries()));
        admin.MapGet("/specs", (HttpContext context) => Results.Json(SpecDocuments.Names.ToDictionary(name => name, name => context.Request.PathBase + "/_fake/specs/" + name)));
        admin.MapGet("/specs/{name}", (string name) => SpecDocuments.Text(name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : name) is { } text
            ? Results.Text(text, "application/json")
            : Results.NotFound(new { error = $"No spec named '{name}'; known: {string.Join(", ", SpecDocuments.Names)}." }));
        admin.MapGet("/", (HttpContext context, FakeOptions options) => Results.Json(new
        {
            foundations = context.Request.PathBase + "/_fake/foundations",
            support = context.Request.PathBase + "/_fake/support",
            specs = context.Request.PathBase + "/_fake/specs",
            console = options.Console ? context.Request.PathBase + ConsolePage.Path : null,
        }));
        FoundationAdmin.Map(admin);
        var foundation = admin.MapGroup("/foundations/{id}");
        ClockAdmin.Map(foundation);
        JournalAdmin.Map(foundation);
        FaultAdmin.Map(foundation);
        TransitionAdmin.Map(foundation);
        UserAdmin.Map(foundation);
    }

    /// <summary>Web defaults with enums written by name (fault kinds, lifecycle modes), for people and scripts alike.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    internal static IResult WithFoundation(Foundations foundations, string id, Func<Foundation, IResult> action) =>
        foundations.Find(id) is { } foundation ? action(foundation) : Missing(id);

    internal static IResult Missing(string id) => Results.NotFound(new { error = $"No foundation named '{id}'." });

    internal static IResult Invalid(string message) => Results.BadRequest(new { error = message });
}
