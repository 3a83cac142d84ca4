namespace CloudFoundry.Fake.Conformance;

/// <summary>How the sample app is packed for an upload: a zip (Cloud Foundry packages) or a gzipped tar (Tsuru deploys).</summary>
public enum SampleArchive
{
    /// <summary>A zip archive (<c>application/zip</c>).</summary>
    Zip,

    /// <summary>A gzipped tar archive (<c>application/gzip</c>), written as <c>archive: "tar.gz"</c> in steps and recipes.</summary>
    TarGz,
}

/// <summary>Reads the archive names scenario steps and recipes use.</summary>
public static class SampleArchiveNames
{
    /// <summary>The format named <paramref name="name"/> (<c>zip</c> or <c>tar.gz</c>); zip when absent.</summary>
    public static SampleArchive Parse(string? name) => name switch
    {
        null or "zip" => SampleArchive.Zip,
        "tar.gz" => SampleArchive.TarGz,
        _ => throw new ArgumentException($"Unknown archive format '{name}': use \"zip\" or \"tar.gz\".", nameof(name)),
    };
}
