using System.Text.Json.Nodes;
using CloudFoundry.Fake.Conformance.Specs;

namespace CloudFoundry.Fake.Conformance.Derived;

/// <summary>
/// The spec-derived suite: every operation of a document sent once with a valid request (its prerequisites made
/// first, its example body adapted to the run) and its response checked for a documented success status (or the error
/// the recipes expect on the target's configuration, see <see cref="ExpectedAnswer"/>) and against the schema; then the
/// negative cases the Cloud Controller guarantees for it: no token 401, unknown guid 404, unknown field 422, unknown
/// query parameter 400. Deletions run last, each on a resource made for it.
/// </summary>
public sealed class SpecSuite(TargetClient target, SpecDocument spec, IReadOnlyList<DerivedOperation> operations, JsonObject baseRecipes)
{
    private const string UnknownGuid = "c0f0c0f0-0000-4000-8000-00000000c0f0";
    private JsonObject? recipes;

    /// <summary>Send operations that change foundation-wide state (feature flags, purges); only for fakes and sandboxes.</summary>
    public bool AllowGlobalChanges { get; init; }

    /// <summary>Operations ("METHOD path") not to run, e.g. those a target is known not to serve.</summary>
    public IReadOnlySet<string> Excluded { get; init; } = new HashSet<string>();

    /// <summary>
    /// An OSBAPI broker serving the fake's sample catalog (the fake's own <c>/_fake/broker</c>) that the run may register,
    /// its basic-auth credentials in the URL's user info (<c>broker:broker</c> when absent): with it the recipes'
    /// <c>with_broker</c> part applies, without it the operations of <c>skip_without_broker</c> are skipped.
    /// </summary>
    public Uri? BrokerUrl { get; init; }

    private JsonObject Recipes => recipes ??= BrokerUrl is null ? baseRecipes : BrokerRecipes.Apply(baseRecipes, BrokerUrl);

    /// <summary>The suite for a document shipped with the tool, with its prerequisite recipes.</summary>
    public static SpecSuite BuiltIn(TargetClient target, string name, bool allowGlobalChanges = false, IReadOnlySet<string>? excluded = null, Uri? brokerUrl = null)
    {
        var spec = SpecDocument.BuiltIn(name);
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(spec.Root.ToJsonString()));
        using var recipeFile = typeof(SpecSuite).Assembly.GetManifestResourceStream("prerequisites/" + name + ".json");
        return new SpecSuite(target, spec, DerivedOperation.Load(json), recipeFile is null ? EmptyRecipes() : JsonNode.Parse(recipeFile)!.AsObject())
        {
            AllowGlobalChanges = allowGlobalChanges,
            Excluded = excluded ?? new HashSet<string>(),
            BrokerUrl = brokerUrl,
        };
    }

    /// <summary>Runs the operations selected by <paramref name="only"/> (tag or operationId; all when null).</summary>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(string? only = null, IProgress<(int Done, int Total, string Current)>? progress = null, CancellationToken cancellationToken = default)
    {
        var selected = Selected(only).OrderBy(operation => operation.Method == "DELETE").ToList();
        var prerequisites = new Prerequisites(target, Recipes, "cfc-" + Guid.NewGuid().ToString("N")[..6]);
        var results = new List<CheckResult>();
        try
        {
            if (AllowGlobalChanges && Recipes["global_setup"] is JsonArray setup)
            {
                results.AddRange(await new ScenarioRunner(target).RunAsync(new Scenario("spec setup", string.Empty, ScenarioStep.ListFrom(setup)), cancellationToken));
            }

            for (var index = 0; index < selected.Count; index++)
            {
                progress?.Report((index, selected.Count, selected[index].OperationId));
                results.AddRange(await RunAsync(selected[index], prerequisites, cancellationToken));
            }

            progress?.Report((selected.Count, selected.Count, string.Empty));
        }
        finally
        {
            await prerequisites.CleanUpAsync();
        }

        return results;
    }

    /// <summary>What the suite would do for each operation, without sending anything.</summary>
    public IReadOnlyList<string> Plan(string? only = null) =>
        [.. Selected(only).Select(operation => Skipped(operation) is { } reason ? $"skip {operation.Method} {operation.Path}: {reason}" : $"{operation.Method} {operation.Path}")];

    private static JsonObject EmptyRecipes() => new() { ["create"] = new JsonObject(), ["parameters"] = new JsonObject(), ["skip"] = new JsonObject(), ["global"] = new JsonArray() };

    private IEnumerable<DerivedOperation> Selected(string? only) =>
        operations.Where(operation => only is null || operation.Tag == only || operation.OperationId == only)
            .Where(operation => !Excluded.Contains($"{operation.Method} {operation.Path}"));

    private string? Skipped(DerivedOperation operation)
    {
        var key = $"{operation.Method} {operation.Path}";
        if (Recipes["skip"]?[key]?.GetValue<string>() is { } reason)
        {
            return reason;
        }

        if (BrokerUrl is null && Recipes["skip_without_broker"]?[key]?.GetValue<string>() is { } needsBroker)
        {
            return needsBroker + " (give a broker with --broker-url)";
        }

        return !AllowGlobalChanges && Recipes["global"]!.AsArray().Any(entry => entry!.GetValue<string>() == key)
            ? "changes foundation-wide state (use --allow-global-changes)"
            : null;
    }

    private async Task<IReadOnlyList<CheckResult>> RunAsync(DerivedOperation operation, Prerequisites prerequisites, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        var scenario = "spec " + operation.Tag;
        void Add(string rule, bool passed, string message, Exchange? exchange = null, string pointer = "") =>
            results.Add(new CheckResult(scenario, operation.OperationId, rule, pointer, passed, message, passed ? null : exchange?.ToString()));

        if (Skipped(operation) is { } reason)
        {
            Add("skipped", true, reason);
            return results;
        }

        var key = $"{operation.Method} {operation.Path}";
        await using var hold = Recipes["holds"]?[key]?.GetValue<string>() is { } held ? await FakeLifecycleHold.StartAsync(target, held, cancellationToken) : null;

        var path = await ConcretePathAsync(operation, prerequisites, cancellationToken);
        if (path is null)
        {
            Add("prerequisites", false, prerequisites.LastFailure ?? "a path parameter could not be filled");
            return results;
        }

        if ((Recipes["queries"]?[key] ?? (operation.RequiredQuery is { } required ? JsonValue.Create(required) : null)) is { } query)
        {
            if (await prerequisites.QueryAsync(query, path, cancellationToken) is not { } filled)
            {
                Add("prerequisites", false, prerequisites.LastFailure ?? query.ToJsonString());
                return results;
            }

            path += "?" + filled;
        }

        if (Recipes["websockets"]?[key] is JsonObject socket)
        {
            await new WebSocketExchange(target, prerequisites).RunAsync(path, socket, (rule, passed, message) => Add(rule, passed, message), cancellationToken);
            return results;
        }

        JsonNode? body;
        (string Text, string MediaType)? text;
        JsonObject? form;
        TargetClient client;
        try
        {
            body = operation.TakesJson || Recipes["bodies"]?[key] is not null ? await prerequisites.BodyAsync(operation, cancellationToken) : null;
            text = await prerequisites.TextBodyAsync(operation, cancellationToken);
            form = await prerequisites.FormAsync(operation, cancellationToken);
            client = await SecondSession.ForAsync(target, Recipes, key, prerequisites, cancellationToken);
        }
        catch (InvalidOperationException missing)
        {
            Add("prerequisites", false, missing.Message);
            return results;
        }

        var answer = operation.FormFields.Count > 0
            ? await client.SendFormAsync(operation.Method, path, operation.FormFields, form, SampleArchiveNames.Parse(Recipes["archive"]?.GetValue<string>()), cancellationToken: cancellationToken)
            : text is { } given
                ? await client.SendTextAsync(operation.Method, path, given.Text, given.MediaType, cancellationToken: cancellationToken)
                : await client.SendAsync(operation.Method, path, body?.ToJsonString(), cancellationToken: cancellationToken);
        if (ExpectedAnswer.For(Recipes, key) is { } documented)
        {
            documented.Check(answer, Add);
        }
        else
        {
            var expected = operation.SuccessStatuses.Count == 0 ? answer.Status < 400 : operation.SuccessStatuses.Contains(answer.Status);
            Add("status", expected, $"expected one of {string.Join(", ", operation.SuccessStatuses)}, got {answer.Status}", answer);
        }

        CheckSchema(answer, Add);
        if (answer.Status == 202 && answer.Location is not null && answer.Location.AbsolutePath.Contains("/v3/jobs/", StringComparison.Ordinal))
        {
            var (state, job) = await target.FollowJobAsync(answer.Location, cancellationToken);
            Add("job-completes", state == "COMPLETE", $"job ended {state}: {job?["errors"]}", answer);
        }

        await NegativeCasesAsync(operation, path, body, Add, cancellationToken);
        return results;
    }

    private async Task NegativeCasesAsync(DerivedOperation operation, string path, JsonNode? body, Action<string, bool, string, Exchange?, string> add, CancellationToken cancellationToken)
    {
        async Task ExpectAsync(string rule, int status, string method, string requestPath, string? requestBody, bool anonymous = false)
        {
            var answer = await target.SendAsync(method, requestPath, requestBody, anonymous, cancellationToken);
            add(rule, answer.Status == status, $"expected {status}, got {answer.Status}", answer, string.Empty);
            CheckSchema(answer, add);
        }

        bool Applies(string rule) => Recipes["negative_cases"] is not JsonArray rules || rules.Any(listed => listed?.GetValue<string>() == rule);

        if (!operation.IsPublic && Applies("unauthenticated"))
        {
            await ExpectAsync("unauthenticated", 401, operation.Method, path, body?.ToJsonString(), anonymous: true);
        }

        if (operation.Method == "GET" && operation.PathParameters.Count > 0 && operation.PathParameters[0] == "guid" && Applies("not-found"))
        {
            await ExpectAsync("not-found", 404, "GET", ReplaceFirstParameter(operation.Path, path.Split('?')[0]), null);
        }

        if (operation.Method is "POST" or "PATCH" && body is JsonObject fields && fields.Count > 0 && Applies("unknown-field"))
        {
            var unknown = fields.DeepClone().AsObject();
            unknown["conformance_unknown_field"] = true;
            await ExpectAsync("unknown-field", 422, operation.Method, path, unknown.ToJsonString());
        }

        if (operation.IsList && Applies("bad-query"))
        {
            await ExpectAsync("bad-query", 400, "GET", path + "?conformance_unknown_parameter=1", null);
        }
    }

    private void CheckSchema(Exchange answer, Action<string, bool, string, Exchange?, string> add) =>
        SpecConformance.Check([spec], answer, (rule, pointer, passed, message) =>
        {
            add(rule, passed, message, answer, pointer);
            return null!;
        });

    private static string ReplaceFirstParameter(string template, string concrete)
    {
        var segments = concrete.Split('/');
        var index = Array.FindIndex(template.Split('/'), segment => segment.StartsWith('{'));
        segments[index] = UnknownGuid;
        return string.Join('/', segments);
    }

    private async Task<string?> ConcretePathAsync(DerivedOperation operation, Prerequisites prerequisites, CancellationToken cancellationToken)
    {
        var segments = operation.Path.Split('/');
        var first = true;
        for (var index = 0; index < segments.Length; index++)
        {
            if (!segments[index].StartsWith('{'))
            {
                continue;
            }

            var name = segments[index].Trim('{', '}');
            var collection = first && Recipes["resources"]?[$"{operation.Method} {operation.Path}"]?.GetValue<string>() is { } alias ? alias : string.Join('/', segments[..index]);
            var value = first && name == "guid" || name.EndsWith("guid", StringComparison.Ordinal) && index == 3
                ? await prerequisites.EnsureAsync(collection, fresh: operation.Method == "DELETE" && index == segments.Length - 1, cancellationToken)
                : await prerequisites.ParameterAsync(operation.Path, name, segments[3], !segments[(index + 1)..].Any(segment => segment.StartsWith('{')), operation.Method == "DELETE" && index == segments.Length - 1, cancellationToken);
            if (value is null)
            {
                return null;
            }

            segments[index] = Prerequisites.PathSegment(value);
            first = false;
        }

        return string.Join('/', segments);
    }
}
