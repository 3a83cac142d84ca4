namespace CloudFoundry.Fake.Conformance.Recording;

/// <summary>
/// One request the run sent and the answer it got, as a recording keeps it: no request headers or body (they carry
/// the token and the password), only whether the request was authorized.
/// </summary>
public sealed record RecordedExchange(
    string Method,
    Uri Url,
    bool Authorized,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? MediaType,
    byte[] Body);
