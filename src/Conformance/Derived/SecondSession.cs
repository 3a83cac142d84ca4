using System.Text.Json.Nodes;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>
/// Operations on the caller's own session or account (Tsuru's logout, password change) must not end or change the run's
/// session: the recipes' <c>as</c> section ("METHOD path" -> <c>{"user": ..., "password": ...}</c>) names a user the run
/// makes, who logs in the way the tsuru client does (<c>POST /1.0/users/{email}/tokens</c> with the password as a form),
/// and the operation is sent with that user's token.
/// </summary>
public static class SecondSession
{
    /// <summary>The client to send the operation with: the run's own, or one logged in as the user the recipes name.</summary>
    /// <exception cref="InvalidOperationException">The user could not be made or could not log in.</exception>
    public static async Task<TargetClient> ForAsync(TargetClient target, JsonObject recipes, string operation, Prerequisites prerequisites, CancellationToken cancellationToken)
    {
        if (recipes["as"]?[operation] is not JsonObject entry)
        {
            return target;
        }

        var user = await prerequisites.QueryAsync(entry["user"]!, string.Empty, cancellationToken)
            ?? throw new InvalidOperationException($"the second session's user: {prerequisites.LastFailure}");
        var password = entry["password"]!.GetValue<string>();
        var login = await target.SendTextAsync("POST", $"/1.0/users/{user}/tokens", "password=" + Uri.EscapeDataString(password), "application/x-www-form-urlencoded", anonymous: true, cancellationToken);
        return login.Body?["token"]?.GetValue<string>() is { } token
            ? target.WithToken(token)
            : throw new InvalidOperationException($"the second session could not log in: {login}");
    }
}
