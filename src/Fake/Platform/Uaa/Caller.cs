namespace CloudFoundry.Fake.Platform.Uaa;

/// <summary>Who is calling, as read from a validated access token.</summary>
public sealed record Caller(
    string UserGuid,
    string? UserName,
    string? Origin,
    string? Email,
    string ClientId,
    IReadOnlySet<string> Scopes)
{
    public bool IsAdmin => Scopes.Contains("cloud_controller.admin");

    public bool IsAdminReadOnly => Scopes.Contains("cloud_controller.admin_read_only");

    public bool IsGlobalAuditor => Scopes.Contains("cloud_controller.global_auditor");

    /// <summary>Admin, admin read-only and global auditor read every resource.</summary>
    public bool ReadsEverything => IsAdmin || IsAdminReadOnly || IsGlobalAuditor;

    /// <summary>Admin and admin read-only read secrets (environment variables, credentials).</summary>
    public bool ReadsSecretsEverywhere => IsAdmin || IsAdminReadOnly;
}
