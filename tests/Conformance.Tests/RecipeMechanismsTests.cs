using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Conformance.Derived;

namespace CloudFoundry.Fake.Conformance.Tests;

/// <summary>The recipe mechanisms the Tsuru suite relies on, checked without a target.</summary>
public sealed class RecipeMechanismsTests
{
    [Fact]
    public void Certificate_placeholders_give_a_matching_certificate_and_key_for_the_host()
    {
        var certificates = new SelfSignedCertificates();

        var certificatePem = certificates.Fill("{certificate:web.example.org}");
        var keyPem = certificates.Fill("{certificate-key:web.example.org}");

        using var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal("web.example.org", certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Equal(["web.example.org"], certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.Equal(certificatePem, certificates.Fill("{certificate:web.example.org}"));
        Assert.NotEqual(certificatePem, certificates.Fill("{certificate:api.example.org}"));
        Assert.Equal("no placeholder", certificates.Fill("no placeholder"));
    }

    [Fact]
    public void An_expected_answer_checks_status_and_error_text_and_names_its_reason()
    {
        var recipes = JsonNode.Parse("""{"expect":{"GET /1.0/auth/saml":{"status":400,"text":"saml disabled","reason":"native auth"}}}""")!.AsObject();
        var expected = ExpectedAnswer.For(recipes, "GET /1.0/auth/saml")!;
        var checks = new List<(string Rule, bool Passed, string Message)>();
        void Add(string rule, bool passed, string message, Exchange? exchange, string pointer) => checks.Add((rule, passed, message));

        expected.Check(new Exchange("GET", "/1.0/auth/saml", null, 400, null, "saml disabled\n", null), Add);
        expected.Check(new Exchange("GET", "/1.0/auth/saml", null, 200, null, "ok", null), Add);

        Assert.Null(ExpectedAnswer.For(recipes, "POST /1.0/auth/saml"));
        Assert.Equal([("status", true), ("error-text", true), ("status", false), ("error-text", false)], checks.Select(check => (check.Rule, check.Passed)));
        Assert.All(checks, check => Assert.StartsWith("native auth: expected ", check.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cfc-1", "cfc-1")]
    [InlineData("admin@example.org", "admin@example.org")]
    [InlineData("http://node.example.org:2375", "http:%2F%2Fnode.example.org:2375")]
    [InlineData("a?b#c%d", "a%3Fb%23c%25d")]
    public void Path_parameters_escape_only_what_would_split_the_segment(string value, string segment) =>
        Assert.Equal(segment, Prerequisites.PathSegment(value));
}
