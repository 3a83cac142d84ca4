namespace CloudFoundry.Fake.Platform.CloudFoundry;

/// <summary>Builds the absolute URLs Cloud Controller writes in <c>links</c>, from the host the client called.</summary>
public sealed record CfUrls(string Base)
{
    public static CfUrls From(HttpRequest request) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}");

    public string Url(string path) => Base + path;

    public Link Link(string path) => new(Base + path);

    public Link Link(string path, string method) => new(Base + path, method);
}

/// <summary>A link object: <c>{"href": "...", "method"?: "POST"}</c>.</summary>
public sealed record Link(string Href, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Method = null);
