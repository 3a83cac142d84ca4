using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>The TLS certificates (PEM) an app's routers serve, per name (the app's address or one of its cnames).</summary>
public sealed record TsuruAppCertificates(string Guid, ImmutableSortedDictionary<string, string> ByName) : IResource;

/// <summary>
/// App certificates (<c>/1.2/apps/{app}/certificate</c>, set and unset also at <c>/1.0</c>): the certificate and key
/// must be a matching PEM pair valid for the name, which must be the app's address or one of its cnames. The list
/// shows, per router, every name of the app with its certificate or an empty string.
/// </summary>
public sealed class TsuruAppCertificatesApi : IFeatureModule
{
    private static readonly string[] Versions = ["1.2", "1.0"];

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.2", "/apps/{app}/certificate", List);
        TsuruRoutes.Map(routes, "PUT", Versions, "/apps/{app}/certificate", SetAsync);
        TsuruRoutes.Map(routes, "DELETE", Versions, "/apps/{app}/certificate", UnsetAsync);
    }

    private static IResult List(string app, HttpContext context)
    {
        var current = TsuruAppLookup.Visible(context, app);
        var world = TsuruAuth.World(context);
        var stored = world.Find<TsuruAppCertificates>(app)?.ByName ?? ImmutableSortedDictionary<string, string>.Empty;
        var names = Names(world, current);
        return TsuruJson.Json(TsuruAppRoutersApi.Of(world, app).ToDictionary(
            router => router.Name,
            _ => names.Distinct().ToDictionary(name => name, name => stored.GetValueOrDefault(name, string.Empty))));
    }

    private static async Task<IResult> SetAsync(string app, HttpContext context)
    {
        var current = TsuruAppLookup.Visible(context, app);
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = RequireName(context, current, input);
        var certificate = input.Value("certificate") ?? string.Empty;
        Verify(certificate, input.Value("key") ?? string.Empty, name);
        Change(context, app, certificates => certificates.SetItem(name, certificate));
        return Results.Ok();
    }

    private static async Task<IResult> UnsetAsync(string app, HttpContext context)
    {
        var current = TsuruAppLookup.Visible(context, app);
        var name = RequireName(context, current, await TsuruInput.ReadAsync(context.Request));
        Change(context, app, certificates => certificates.Remove(name));
        return Results.Ok();
    }

    private static List<string> Names(World world, TsuruApp app) =>
        [.. TsuruAppRoutersApi.Of(world, app.Name).Select(router => TsuruAppRoutersApi.Address(app.Name, router.Name)), .. app.CNames];

    private static string RequireName(HttpContext context, TsuruApp app, TsuruInput input)
    {
        var name = input.Value("cname") is { Length: > 0 } given ? given : throw TsuruException.BadRequest("You must provide a cname.");
        return Names(TsuruAuth.World(context), app).Contains(name) ? name : throw TsuruException.BadRequest("invalid name");
    }

    private static void Change(HttpContext context, string app, Func<ImmutableSortedDictionary<string, string>, ImmutableSortedDictionary<string, string>> change) =>
        context.Foundation().Write(transaction =>
        {
            if (TsuruAppRoutersApi.Of(transaction.World, app).IsEmpty)
            {
                throw TsuruException.BadRequest("no router with tls support");
            }

            var certificates = transaction.Find<TsuruAppCertificates>(app)?.ByName ?? ImmutableSortedDictionary<string, string>.Empty;
            transaction.Put(new TsuruAppCertificates(app, change(certificates)));
        });

    private static void Verify(string certificatePem, string keyPem, string name)
    {
        if (!certificatePem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw TsuruException.BadRequest("tls: failed to find any PEM data in certificate input");
        }

        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw TsuruException.BadRequest("tls: failed to find any PEM data in key input");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            throw TsuruException.BadRequest("tls: private key does not match public key");
        }

        using (certificate)
        {
            var alternativeNames = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().ToList();
            var dnsNames = alternativeNames.SelectMany(extension => extension.EnumerateDnsNames()).ToList();
            if (dnsNames.Any(pattern => Matches(pattern, name)))
            {
                return;
            }

            throw TsuruException.BadRequest(
                alternativeNames.Count == 0 && Matches(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), name)
                    ? "x509: certificate relies on legacy Common Name field, use SANs instead"
                    : dnsNames.Count == 0
                        ? $"x509: certificate is not valid for any names, but wanted to match {name}"
                        : $"x509: certificate is valid for {string.Join(", ", dnsNames)}, not {name}");
        }
    }

    private static bool Matches(string pattern, string name) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && string.Equals(name[(dot + 1)..], pattern[2..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
}
