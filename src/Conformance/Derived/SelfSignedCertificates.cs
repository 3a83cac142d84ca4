using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>
/// <c>{certificate:host}</c> and <c>{certificate-key:host}</c> in recipe text: a self-signed RSA 2048 certificate for the
/// host (subject CN and DNS subject alternative name, valid from a day ago for 30 days) and its PKCS#8 private key, as
/// PEM, made once per host so that the certificate and the key filled in for it always belong together.
/// </summary>
internal sealed partial class SelfSignedCertificates
{
    private readonly Dictionary<string, (string Certificate, string Key)> made = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The text with its certificate placeholders filled.</summary>
    public string Fill(string text) => Placeholder().Replace(text, match =>
    {
        var (certificate, key) = For(match.Groups[2].Value);
        return match.Groups[1].Success ? key : certificate;
    });

    private (string Certificate, string Key) For(string host)
    {
        if (made.TryGetValue(host, out var known))
        {
            return known;
        }

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return made[host] = (certificate.ExportCertificatePem() + "\n", rsa.ExportPkcs8PrivateKeyPem() + "\n");
    }

    [GeneratedRegex(@"\{certificate(-key)?:([A-Za-z0-9.-]+)\}")]
    private static partial Regex Placeholder();
}
