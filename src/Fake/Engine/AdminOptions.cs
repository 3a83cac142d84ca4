namespace CloudFoundry.Fake.Engine;

/// <summary>Access to the admin API and the console (<c>Fake:Admin</c>).</summary>
public sealed class AdminOptions
{
    /// <summary>Header that carries the admin key.</summary>
    public const string KeyHeader = "X-Fake-Admin-Key";

    /// <summary>Whether <c>/_fake</c> is served at all (<c>--no-admin</c> turns it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When set, admin requests must carry it in <see cref="KeyHeader"/> (<c>--admin-key</c>).</summary>
    public string? Key { get; set; }
}
