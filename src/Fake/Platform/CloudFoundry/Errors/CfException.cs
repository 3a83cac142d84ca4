namespace CloudFoundry.Fake.Platform.CloudFoundry.Errors;

/// <summary>
/// Stops a request with Cloud Controller errors. Thrown anywhere below the HTTP layer (including inside a
/// world transaction, which then commits nothing) and rendered by the error middleware.
/// </summary>
public sealed class CfException : Exception
{
    public CfException(int status, params CfError[] errors)
        : base(errors.Length > 0 ? errors[0].Detail : "Cloud Controller error")
    {
        Status = status;
        Errors = errors;
    }

    public int Status { get; }

    public IReadOnlyList<CfError> Errors { get; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static CfException FromCatalogue(string name, params object?[] args) =>
        new(ErrorCatalogue.Get(name).HttpCode, CfError.FromCatalogue(name, args));
}
