namespace MinimalEndpoint;

/// <summary>An app as stored: the fields the document is built from.</summary>
internal sealed record StoredApp(string Guid, string Name, string SpaceGuid, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Labels);

internal sealed record Link(string Href, string? Method = null);

internal sealed record ToOne(ToOneData? Data);

internal sealed record ToOneData(string Guid);

internal sealed record Lifecycle(string Type, LifecycleData Data);

internal sealed record LifecycleData(IReadOnlyList<string> Buildpacks, string Stack);

internal sealed record Metadata(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

/// <summary>The same shape as a Cloud Foundry V3 app resource, built per request as the fake builds it.</summary>
internal sealed record AppDocument(
    string Guid,
    string Name,
    string State,
    string CreatedAt,
    string UpdatedAt,
    Lifecycle Lifecycle,
    IReadOnlyDictionary<string, ToOne> Relationships,
    IReadOnlyDictionary<string, Link> Links,
    Metadata Metadata)
{
    private static readonly string[] LinkNames =
        ["processes", "packages", "environment_variables", "droplets", "tasks", "revisions", "features"];

    public static AppDocument From(StoredApp app, string root)
    {
        var self = $"{root}/v3/apps/{app.Guid}";
        var links = new Dictionary<string, Link>
        {
            ["self"] = new(self),
            ["space"] = new($"{root}/v3/spaces/{app.SpaceGuid}"),
            ["current_droplet"] = new($"{self}/droplets/current"),
            ["deployed_revisions"] = new($"{self}/revisions/deployed"),
            ["start"] = new($"{self}/actions/start", "POST"),
            ["stop"] = new($"{self}/actions/stop", "POST"),
        };
        foreach (var name in LinkNames)
        {
            links[name] = new Link($"{self}/{name}");
        }

        var timestamp = app.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        return new AppDocument(
            app.Guid, app.Name, "STOPPED", timestamp, timestamp,
            new Lifecycle("buildpack", new LifecycleData([], "cflinuxfs4")),
            new Dictionary<string, ToOne> { ["space"] = new(new ToOneData(app.SpaceGuid)), ["current_droplet"] = new(null) },
            links,
            new Metadata(app.Labels, new Dictionary<string, string>()));
    }
}

/// <summary>Apps the endpoint serves, with fixed GUIDs (the first is <see cref="FirstGuid"/>).</summary>
internal static class SampleApps
{
    public const string FirstGuid = "00000000-0000-4000-8000-000000000000";

    public static Dictionary<string, StoredApp> Create(int count) =>
        Enumerable.Range(0, count)
            .Select(index => new StoredApp(
                $"00000000-0000-4000-8000-{index:D12}", $"app-{index:D5}", "11111111-1111-4111-8111-111111111111",
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new Dictionary<string, string> { ["tier"] = "web" }))
            .ToDictionary(app => app.Guid, StringComparer.Ordinal);
}
