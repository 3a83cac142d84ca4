using System.Text;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Fuzz;

namespace CloudFoundry.Fake.Tests.Roles.Matrix;

/// <summary>
/// The request the role matrix sends for one operation: its real path and a body that passes validation where it
/// can (a label change for updates, the spec's example with its relationships pointing at seeded resources otherwise),
/// so that permissions, not validation, decide the answer.
/// </summary>
public sealed record MatrixRequest(string Method, string Url, string? Body)
{
    private const string LabelChange = """{"metadata":{"labels":{"role-matrix":"yes"}}}""";

    public static async Task<MatrixRequest> ForAsync(SpecOperation operation, FuzzTarget target)
    {
        var url = await target.RealPathAsync(operation);
        if (operation.Method is "GET" or "DELETE" || operation.ContentType is not (null or "application/json"))
        {
            return new MatrixRequest(operation.Method, url, null);
        }

        if (operation.Method == "PATCH" && operation.BodyProperties.Any(property => property.Name == "metadata"))
        {
            return new MatrixRequest(operation.Method, url, LabelChange);
        }

        var body = operation.Example?.DeepClone() ?? new JsonObject();
        await PointAtSeededAsync(body, target);
        return new MatrixRequest(operation.Method, url, body.ToJsonString());
    }

    public HttpRequestMessage Message() => new(new HttpMethod(Method), Url)
    {
        Content = Body is null ? null : new StringContent(Body, Encoding.UTF8, "application/json"),
    };

    private static async Task PointAtSeededAsync(JsonNode node, FuzzTarget target)
    {
        if (node is not JsonObject body)
        {
            return;
        }

        if (body["relationships"] is JsonObject relationships)
        {
            foreach (var (name, relationship) in relationships.ToList())
            {
                if (relationship?["data"] is JsonObject { } data && data.ContainsKey("guid"))
                {
                    data["guid"] = await target.SeededAsync(Collection(name));
                }
            }
        }

        foreach (var name in new[] { "package", "droplet" })
        {
            if (body[name] is JsonObject reference && reference.ContainsKey("guid"))
            {
                reference["guid"] = await target.SeededAsync(name + "s");
            }
        }
    }

    private static string Collection(string relationship) => relationship switch
    {
        "quota" => "organization_quotas",
        _ => relationship + "s",
    };
}
