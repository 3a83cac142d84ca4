using System.Text.Json.Nodes;
using CloudFoundry.Fake.Conformance.Specs;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Xunit.Abstractions;

namespace CloudFoundry.Fake.Conformance.Tests.Specs;

public sealed class SpecDocumentTests(ITestOutputHelper output)
{
    public static TheoryData<string> Documents() => [.. SpecDocument.BuiltInNames()];

    [Fact]
    public void The_suite_ships_the_cloud_foundry_documents() =>
        Assert.Superset(new HashSet<string>(["cloudfoundry-v3", "cloudfoundry-v2-apps"]), SpecDocument.BuiltInNames().ToHashSet());

    [Theory]
    [MemberData(nameof(Documents))]
    public void Loads_with_the_OpenAPI_object_model_without_errors_or_warnings(string name)
    {
        using var stream = new MemoryStream(File.ReadAllBytes(SpecPath(name)));
        var result = OpenApiDocument.Load(stream, "json", new OpenApiReaderSettings());

        var problems = result.Diagnostic!.Errors.Select(error => "error " + error)
            .Concat(result.Diagnostic.Warnings.Select(warning => "warning " + warning))
            .Concat(result.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(error => "validation " + error) ?? [])
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, result.Diagnostic.SpecificationVersion);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_schema_compiles_with_NJsonSchema(string name)
    {
        var document = SpecDocument.BuiltIn(name);

        Assert.NotEmpty(document.Operations);
        Assert.True(document.SchemaNames.Count >= document.Operations.Count, $"{document.SchemaNames.Count} schemas for {document.Operations.Count} operations");
        output.WriteLine($"{name}: {document.Operations.Count} operations, {document.Root["components"]?["schemas"]?.AsObject().Count} component schemas");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_operation_has_an_operation_id_and_a_response_for_errors(string name)
    {
        var document = SpecDocument.BuiltIn(name);

        Assert.All(document.Operations, operation =>
        {
            Assert.NotNull(operation.Operation["operationId"]);
            Assert.True(operation.Operation["responses"]!.AsObject().ContainsKey("default"), $"{operation.Method} {operation.Path} lacks a default error response");
        });
        Assert.Equal(document.Operations.Count, document.Operations.Select(operation => operation.OperationId).Distinct().Count());
    }

    [Fact]
    public void Every_real_example_of_the_cloud_controller_docs_validates()
    {
        var document = SpecDocument.BuiltIn("cloudfoundry-v3");
        var examples = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", "catalog", "cloudfoundry-v3-examples.json")))!.AsArray();
        var problems = new List<string>();
        var validated = 0;
        foreach (var example in examples.OfType<JsonObject>())
        {
            var method = example["method"]!.GetValue<string>();
            var path = example["path"]!.GetValue<string>();
            var operation = document.Operations.Single(candidate => candidate.Method == method && candidate.Path == path);
            foreach (var request in example["requests"]!.AsArray())
            {
                problems.AddRange(document.ValidateRequest(operation, request).Select(problem => $"{method} {path} request: {problem}"));
                validated++;
            }

            foreach (var response in example["responses"]!.AsArray())
            {
                var status = response!["status"]!.GetValue<int>();
                problems.AddRange(document.ValidateResponse(operation, status, response["body"]).Select(problem => $"{method} {path} {status} ({response["label"]}): {problem}"));
                validated++;
            }
        }

        output.WriteLine($"{validated} examples validated");
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems.Take(60)));
        Assert.True(validated > 250, $"only {validated} examples");
    }

    [Fact]
    public void A_misspelled_or_missing_field_fails_validation()
    {
        var document = SpecDocument.BuiltIn("cloudfoundry-v3");
        var operation = document.Find("GET", "/v3/organizations/1cb006ee-fb05-47e1-b541-c34179ddc446")!;
        var organization = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", "catalog", "cloudfoundry-v3-examples.json")))!.AsArray()
            .OfType<JsonObject>().Single(example => example["method"]!.GetValue<string>() == "GET" && example["path"]!.GetValue<string>() == "/v3/organizations/{guid}")["responses"]![0]!["body"]!.AsObject();
        Assert.Empty(document.ValidateResponse(operation, 200, organization));

        var misspelled = organization.DeepClone().AsObject();
        misspelled["nmae"] = misspelled["name"]!.DeepClone();
        misspelled.Remove("name");
        Assert.Contains(document.ValidateResponse(operation, 200, misspelled), problem => problem.Contains("name", StringComparison.Ordinal));

        var wrongType = organization.DeepClone().AsObject();
        wrongType["suspended"] = "no";
        Assert.NotEmpty(document.ValidateResponse(operation, 200, wrongType));
    }

    [Fact]
    public void Errors_validate_against_the_error_envelope()
    {
        var document = SpecDocument.BuiltIn("cloudfoundry-v3");
        var operation = document.Find("GET", "/v3/apps/1cb006ee-fb05-47e1-b541-c34179ddc446")!;
        var error = JsonNode.Parse("""{"errors":[{"code":10010,"title":"CF-ResourceNotFound","detail":"App not found"}]}""");

        Assert.Empty(document.ValidateResponse(operation, 404, error));
        Assert.NotEmpty(document.ValidateResponse(operation, 404, JsonNode.Parse("""{"error":"App not found"}""")));
    }

    private static string SpecPath(string name) => Path.Combine(AppContext.BaseDirectory, "specs", name + ".json");
}
