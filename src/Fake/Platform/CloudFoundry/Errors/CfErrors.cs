namespace CloudFoundry.Fake.Platform.CloudFoundry.Errors;

/// <summary>The errors every endpoint raises, with Cloud Controller's exact titles, codes and texts.</summary>
public static class CfErrors
{
    public static CfException UnknownRequest() => CfException.FromCatalogue("NotFound");

    public static CfException NotFound(string resource) => CfException.FromCatalogue("ResourceNotFound", resource + " not found");

    public static CfException NotAuthenticated() => CfException.FromCatalogue("NotAuthenticated");

    public static CfException InvalidAuthToken() => CfException.FromCatalogue("InvalidAuthToken");

    public static CfException NotAuthorized() => CfException.FromCatalogue("NotAuthorized");

    public static CfException Unprocessable(string detail) => CfException.FromCatalogue("UnprocessableEntity", detail);

    public static CfException Unprocessable(IEnumerable<string> details) => Unprocessable(string.Join(", ", details));

    /// <summary>A resource a create names in its relationships that does not exist or cannot be seen (422, CC's text).</summary>
    public static CfException RelatedNotFound(string resource, string? guid) => Unprocessable($"The {resource} could not be found: {guid}");

    public static CfException Uniqueness(string detail) => CfException.FromCatalogue("UniquenessError", detail);

    public static CfException BadQuery(IEnumerable<string> details) => CfException.FromCatalogue("BadQueryParameter", string.Join(", ", details));

    public static CfException BadQuery(string detail) => CfException.FromCatalogue("BadQueryParameter", detail);

    public static CfException MessageParse() => CfException.FromCatalogue("MessageParseError", "invalid request body");

    public static CfException FeatureDisabled(string flag) => CfException.FromCatalogue("FeatureDisabled", flag);

    public static CfException InvalidRequest(string detail) => new(400, new CfError(detail, "CF-InvalidRequest", 10004));
}
