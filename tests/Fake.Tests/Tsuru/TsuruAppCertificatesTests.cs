using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudFoundry.Fake.Tests.Support;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruExpect;
using static CloudFoundry.Fake.Tests.Tsuru.TsuruSession;

namespace CloudFoundry.Fake.Tests.Tsuru;

public sealed class TsuruAppCertificatesTests
{
    private static (string Certificate, string Key) SelfSigned(string dnsName, bool withAlternativeName = true)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (withAlternativeName)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(dnsName);
            request.CertificateExtensions.Add(names.Build());
        }

        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    [Fact]
    public async Task A_certificate_for_a_cname_is_stored_listed_per_router_and_removed()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        (await tsuru.PostAsync("/1.0/apps/web/cname", Form(("cname", "www.example.com")))).EnsureSuccessStatusCode();
        var (certificate, key) = SelfSigned("www.example.com");

        var set = await tsuru.PutAsync("/1.2/apps/web/certificate", Form(("cname", "www.example.com"), ("certificate", certificate), ("key", key)));

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var listed = await JsonAsync(tsuru.GetAsync("/1.2/apps/web/certificate"));
        Assert.Equal(certificate, listed["default"]!["www.example.com"]!.GetValue<string>());
        Assert.Equal(string.Empty, listed["default"]!["web.tsuru.example.org"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await tsuru.DeleteAsync("/1.0/apps/web/certificate?cname=www.example.com")).StatusCode);
        listed = await JsonAsync(tsuru.GetAsync("/1.2/apps/web/certificate"));
        Assert.Equal(string.Empty, listed["default"]!["www.example.com"]!.GetValue<string>());
    }

    [Fact]
    public async Task Certificates_are_checked_against_the_name_and_the_key_with_the_server_texts()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        var (certificate, key) = SelfSigned("other.example.com");
        var (_, otherKey) = SelfSigned("web.tsuru.example.org");
        const string Address = "web.tsuru.example.org";

        await TextAsync(tsuru.PutAsync("/1.2/apps/web/certificate", Form(("certificate", certificate))), HttpStatusCode.BadRequest, "You must provide a cname.\n");
        await TextAsync(tsuru.PutAsync("/1.2/apps/web/certificate", Form(("cname", "nope.example.com"), ("certificate", certificate), ("key", key))), HttpStatusCode.BadRequest, "invalid name\n");
        await TextAsync(tsuru.PutAsync("/1.2/apps/web/certificate", Form(("cname", Address), ("certificate", "x"), ("key", key))), HttpStatusCode.BadRequest, "tls: failed to find any PEM data in certificate input\n");
        await TextAsync(tsuru.PutAsync("/1.2/apps/web/certificate", Form(("cname", Address), ("certificate", certificate), ("key", "x"))), HttpStatusCode.BadRequest, "tls: failed to find any PEM data in key input\n");
        await TextAsync(tsuru.PutAsync("/1.2/apps/web/certificate", Form(("cname", Address), ("certificate", certificate), ("key", otherKey))), HttpStatusCode.BadRequest, "tls: private key does not match public key\n");
        await TextAsync(tsuru.PutAsync("/1.2/apps/web/certificate", Form(("cname", Address), ("certificate", certificate), ("key", key))), HttpStatusCode.BadRequest, $"x509: certificate is valid for other.example.com, not {Address}\n");
        var (legacy, legacyKey) = SelfSigned(Address, withAlternativeName: false);
        await TextAsync(tsuru.PutAsync("/1.2/apps/web/certificate", Form(("cname", Address), ("certificate", legacy), ("key", legacyKey))), HttpStatusCode.BadRequest, "x509: certificate relies on legacy Common Name field, use SANs instead\n");
        var (nameless, namelessKey) = SelfSigned("not a host name", withAlternativeName: false);
        await TextAsync(tsuru.PutAsync("/1.2/apps/web/certificate", Form(("cname", Address), ("certificate", nameless), ("key", namelessKey))), HttpStatusCode.BadRequest, $"x509: certificate is not valid for any names, but wanted to match {Address}\n");
        await TextAsync(tsuru.DeleteAsync("/1.2/apps/web/certificate"), HttpStatusCode.BadRequest, "You must provide a cname.\n");
        await TextAsync(tsuru.GetAsync("/1.2/apps/nope/certificate"), HttpStatusCode.NotFound, "App nope not found.\n");
        await TextAsync(foundation.Anonymous.GetAsync("/1.2/apps/web/certificate"), HttpStatusCode.Unauthorized, "You must provide a valid Authorization header\n");
    }

    [Fact]
    public async Task An_app_without_routers_has_no_router_with_tls_support()
    {
        using var foundation = await TestFoundation.CreateAsync();
        var tsuru = await LoginAsync(foundation);
        (await tsuru.PostAsync("/1.0/apps", Form(("name", "web"), ("platform", "python")))).EnsureSuccessStatusCode();
        (await tsuru.PostAsync("/1.0/apps/web/cname", Form(("cname", "www.example.com")))).EnsureSuccessStatusCode();
        (await tsuru.DeleteAsync("/1.5/apps/web/routers/default")).EnsureSuccessStatusCode();

        await TextAsync(tsuru.DeleteAsync("/1.2/apps/web/certificate?cname=www.example.com"), HttpStatusCode.BadRequest, "no router with tls support\n");
        Assert.Empty((await JsonAsync(tsuru.GetAsync("/1.2/apps/web/certificate"))).AsObject());
    }
}
