namespace CloudFoundry.Fake.Platform.CloudFoundry.V2;

/// <summary>The V2 resource envelope: <c>metadata</c> (guid, relative url, timestamps) around an <c>entity</c>.</summary>
public static class V2Resource
{
    public static Dictionary<string, object?> Of(string guid, string collection, DateTimeOffset createdAt, DateTimeOffset updatedAt, Dictionary<string, object?> entity) => new()
    {
        ["metadata"] = new Dictionary<string, object?>
        {
            ["guid"] = guid,
            ["url"] = collection + guid,
            ["created_at"] = CfJson.Timestamp(createdAt),
            ["updated_at"] = CfJson.Timestamp(updatedAt),
        },
        ["entity"] = entity,
    };

    /// <summary>The <c>*_url</c> links of to-many relations, <c>{resourceUrl}/{relation}</c>, in the order given.</summary>
    public static void AddRelationLinks(Dictionary<string, object?> entity, string resourceUrl, params string[] relations)
    {
        foreach (var relation in relations)
        {
            entity[relation + "_url"] = resourceUrl + "/" + relation;
        }
    }
}
