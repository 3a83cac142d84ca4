using System.Collections.Immutable;
using System.IO.Compression;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Features.Droplets;
using CloudFoundry.Fake.Features.Packages;
using CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

namespace CloudFoundry.Fake.Features.Builds;

/// <summary>
/// Simulated staging: the "build" lifecycle finishes a build with a STAGED droplet whose process types come
/// from the package's Procfile (else a single <c>web</c> type), or fails it with a staging error.
/// </summary>
public sealed class Staging
{
    public const string Lifecycle = "build";
    public const string DefaultWebCommand = "./start";

    public Staging(Lifecycles lifecycles) => lifecycles.Register(Lifecycle, Finish);

    private static void Finish(Transaction transaction, string buildGuid, string? failure)
    {
        if (transaction.Find<Build>(buildGuid) is not { State: Build.Staging } build)
        {
            return;
        }

        if (failure is not null)
        {
            var error = failure.Contains(" - ", StringComparison.Ordinal) ? failure : "StagingError - " + failure;
            transaction.Put(build with { State = Build.Failed, Error = error, UpdatedAt = transaction.Now });
            return;
        }

        var package = transaction.Find<Package>(build.PackageGuid);
        var bits = transaction.Find<PackageBits>(build.PackageGuid);
        var docker = package?.Type == "docker";
        var droplet = transaction.Put(new Droplet(
            transaction.NewGuid(), build.AppGuid, build.PackageGuid, Droplet.Staged, null, docker ? "docker" : build.Lifecycle.Type,
            ProcessTypes(bits?.Zip),
            docker ? null : build.Lifecycle.Stack,
            docker ? [] : build.Lifecycle.Buildpacks.IsEmpty ? ["staticfile_buildpack"] : build.Lifecycle.Buildpacks,
            package?.Image, package?.Sha256, ResourceMetadata.Empty, transaction.Now, transaction.Now));
        transaction.Put(build with { State = Build.Staged, DropletGuid = droplet.Guid, UpdatedAt = transaction.Now });
    }

    /// <summary>Process types from a <c>Procfile</c> at the zip's root (<c>type: command</c> lines).</summary>
    public static ImmutableSortedDictionary<string, string> ProcessTypes(byte[]? zip)
    {
        var types = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (zip is { Length: > 0 })
        {
            try
            {
                using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
                if (archive.GetEntry("Procfile") is { } procfile)
                {
                    using var reader = new StreamReader(procfile.Open());
                    foreach (var line in reader.ReadToEnd().Split('\n'))
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        if (colon > 0)
                        {
                            types[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                        }
                    }
                }
            }
            catch (InvalidDataException)
            {
                // Not a zip: staging treats it as an app without a Procfile.
            }
        }

        if (!types.ContainsKey("web"))
        {
            types["web"] = DefaultWebCommand;
        }

        return types.ToImmutable();
    }
}
