namespace CloudFoundry.Fake.Fixtures;

/// <summary>What <see cref="CfSnapshot"/> replaces before comparing, beyond request ids and the API's host (always replaced).</summary>
public sealed record CfSnapshotOptions
{
    /// <summary>The default: request ids and hosts replaced, timestamps and GUIDs kept (the fake's are deterministic).</summary>
    public static readonly CfSnapshotOptions Default = new();

    /// <summary>For answers of a real Cloud Foundry: timestamps and GUIDs replaced too.</summary>
    public static readonly CfSnapshotOptions RealFoundation = new() { Timestamps = true, Guids = true };

    /// <summary>Replace <c>YYYY-MM-DDThh:mm:ssZ</c> timestamps with <c>&lt;timestamp&gt;</c>.</summary>
    public bool Timestamps { get; init; }

    /// <summary>Replace GUIDs with <c>&lt;guid-1&gt;</c>, <c>&lt;guid-2&gt;</c>... by first appearance.</summary>
    public bool Guids { get; init; }

    /// <summary>What the API's scheme and host (and a fake's <c>/foundations/{id}</c> prefix) become in links.</summary>
    public string Host { get; init; } = "https://api.example.com";

    /// <summary>Response headers kept in the snapshot (others, such as <c>Date</c>, differ between runs and servers).</summary>
    public IReadOnlyList<string> Headers { get; init; } = ["Content-Type", "Location", "X-Cf-Warnings", "X-Vcap-Request-Id", "WWW-Authenticate"];

    /// <summary>A suffix for a second snapshot in the same test.</summary>
    public string? NameExtension { get; init; }
}
