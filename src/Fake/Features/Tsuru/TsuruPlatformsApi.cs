using System.Globalization;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// Tsuru platforms: list, info with images, add (multipart with a Dockerfile), update (new image or enable/disable),
/// rollback to an earlier image version, remove. Builds answer with the server's JSON progress stream.
/// </summary>
public sealed class TsuruPlatformsApi : IFeatureModule
{
    private const string NotFound = "Platform doesn't exist.";

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.0", "/platforms", (HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruPlatform>().All.Where(platform => user.IsAdmin || !platform.Disabled)
                .Select(platform => new { Name = platform.Name, Disabled = platform.Disabled }));
        });
        TsuruRoutes.Map(routes, "GET", "1.6", "/platforms/{name}", (string name, HttpContext context) =>
        {
            TsuruAuth.User(context);
            var platform = TsuruAuth.World(context).Find<TsuruPlatform>(name) ?? throw TsuruException.NotFound(NotFound);
            return TsuruJson.Json(new Dictionary<string, object>
            {
                ["platform"] = new { Name = platform.Name, Disabled = platform.Disabled },
                ["images"] = platform.Images.Count > 0 ? platform.Images : [$"tsuru/{platform.Name}"],
            });
        });
        TsuruRoutes.Map(routes, "POST", "1.0", "/platforms", AddAsync);
        TsuruRoutes.Map(routes, "PUT", "1.0", "/platforms/{name}", UpdateAsync);
        TsuruRoutes.Map(routes, "POST", "1.6", "/platforms/{name}/rollback", RollbackAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/platforms/{name}", (string name, HttpContext context) =>
        {
            var caller = TsuruAuth.Admin(context);
            context.Foundation().Write(transaction =>
            {
                _ = transaction.Find<TsuruPlatform>(name) ?? throw TsuruException.NotFound(NotFound);
                if (transaction.Of<TsuruApp>().All.Any(app => app.Platform.Split(':')[0] == name))
                {
                    throw TsuruException.BadRequest("Platform has apps. You must remove them before remove the platform.");
                }

                transaction.Remove<TsuruPlatform>(name);
                TsuruEvents.Record(transaction, "platform.delete", "platform", name, caller);
            });
            return Results.Ok();
        });
    }

    private static string NextImage(TsuruPlatform platform) => $"tsuru/{platform.Name}:v{platform.Images.Count + 1}";

    /// <summary>The Dockerfile uploaded as <c>dockerfile_content</c>, or null when the request has none.</summary>
    private static async Task<(IFormCollection? Form, byte[]? Dockerfile)> ReadUploadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return (null, null);
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form.Files.GetFile("dockerfile_content") is not { } file)
        {
            return (form, null);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return (form, buffer.ToArray());
    }

    private static IResult Built(Transaction transaction, string name, string image, string done) =>
        TsuruStream.Of(transaction.Now, $"---- Building platform {name} ----\n", $" ---> Image {image}\n", done);

    private static async Task<IResult> AddAsync(HttpContext context)
    {
        TsuruAuth.User(context);
        if (!context.Request.HasFormContentType || !context.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw TsuruException.BadRequest("request Content-Type isn't multipart/form-data");
        }

        var (form, dockerfile) = await ReadUploadAsync(context.Request);
        var name = form?["name"].ToString() ?? string.Empty;
        if (dockerfile is null)
        {
            throw TsuruException.BadRequest("http: no such file");
        }

        if (dockerfile.Length == 0)
        {
            throw TsuruException.BadRequest("Missing file content.");
        }

        var caller = TsuruAuth.Admin(context);
        if (name.Length == 0)
        {
            throw TsuruException.BadRequest("Platform name is required.");
        }

        if (!TsuruNames.IsValid(name))
        {
            throw TsuruException.BadRequest("Invalid platform name, should have at most 40 characters, containing only lower case letters, numbers or dashes, starting with a letter.");
        }

        return context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruPlatform>(name) is not null)
            {
                throw TsuruException.Conflict("Duplicate platform");
            }

            var platform = new TsuruPlatform(name, false);
            var image = NextImage(platform);
            transaction.Put(platform with { Images = [image] });
            TsuruEvents.Record(transaction, "platform.create", "platform", name, caller);
            return Built(transaction, name, image, "Platform successfully added!\n");
        });
    }

    private static async Task<IResult> UpdateAsync(string name, HttpContext context)
    {
        var caller = TsuruAuth.Admin(context);
        var (form, dockerfile) = await ReadUploadAsync(context.Request);
        var input = await TsuruInput.ReadAsync(context.Request);
        var disabled = input.Value("disabled") ?? form?["disabled"].ToString() ?? string.Empty;
        return context.Foundation().Write(transaction =>
        {
            var platform = transaction.Find<TsuruPlatform>(name) ?? throw TsuruException.NotFound(NotFound);
            if (disabled.Length == 0 && dockerfile is not { Length: > 0 })
            {
                throw TsuruException.BadRequest("either disabled or dockerfile must be provided");
            }

            var updated = platform with { Disabled = bool.TryParse(disabled, out var flag) ? flag : platform.Disabled };
            if (dockerfile is { Length: > 0 })
            {
                updated = updated with { Images = updated.Images.Add(NextImage(updated)) };
            }

            transaction.Put(updated);
            TsuruEvents.Record(transaction, "platform.update", "platform", name, caller);
            return dockerfile is { Length: > 0 }
                ? Built(transaction, name, updated.Images[^1], "Platform successfully updated!\n")
                : TsuruStream.Of(transaction.Now, "Platform successfully updated!\n");
        });
    }

    private static async Task<IResult> RollbackAsync(string name, HttpContext context)
    {
        TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var image = input.Value("image") ?? string.Empty;
        if (image.Length == 0)
        {
            throw TsuruException.BadRequest("you cannot rollback without an image name");
        }

        var tag = image.Contains(':', StringComparison.Ordinal) ? image[(image.LastIndexOf(':') + 1)..].TrimStart('v') : image;
        if (!int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw TsuruException.BadRequest($"invalid image version \"{image}\"");
        }

        var caller = TsuruAuth.Admin(context);
        return context.Foundation().Write(transaction =>
        {
            var platform = transaction.Find<TsuruPlatform>(name) ?? throw TsuruException.NotFound(NotFound);
            var target = platform.Images.FirstOrDefault(existing => existing.EndsWith($":v{version}", StringComparison.Ordinal))
                ?? throw TsuruException.BadRequest("Platform image not found");
            transaction.Put(platform with { Images = platform.Images.Remove(target).Add(target) });
            TsuruEvents.Record(transaction, "platform.update", "platform", name, caller);
            return TsuruStream.Of(transaction.Now, $"Rolling back platform {name} to {target}\n", "Platform successfully updated!\n");
        });
    }
}
