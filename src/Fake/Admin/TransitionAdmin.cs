using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;

namespace CloudFoundry.Fake.Admin;

public sealed record PolicyRequest(string Mode, int? Polls, double? DelaySeconds);

public sealed record StepRequest(string? Guid, string? Fail);

public sealed record FailNextRequest(string Message);

/// <summary>Lifecycles: pending transitions and policies, set a policy, step (or fail) pending ones, script the next failure.</summary>
public static class TransitionAdmin
{
    public static void Map(RouteGroupBuilder foundation)
    {
        foundation.MapGet("/lifecycles", (string id, Foundations foundations, Lifecycles lifecycles) =>
            AdminApi.WithFoundation(foundations, id, found =>
            {
                var settings = found.World.Setting(TransitionSettings.Default);
                return Results.Json(new
                {
                    kinds = lifecycles.Kinds.Order(StringComparer.Ordinal).Select(kind => new
                    {
                        kind,
                        policy = Describe(settings.PolicyFor(kind)),
                        scripted_failures = settings.ScriptedFailures.GetValueOrDefault(kind, []).ToArray(),
                    }),
                    pending = found.World.Of<PendingTransition>().All,
                }, AdminApi.Json);
            }));
        foundation.MapPut("/lifecycles/{kind}/policy", (string id, string kind, PolicyRequest request, Foundations foundations, Lifecycles lifecycles) =>
            WithKind(foundations, lifecycles, id, kind, found =>
            {
                if (!Enum.TryParse<TransitionMode>(request.Mode, ignoreCase: true, out var mode))
                {
                    return AdminApi.Invalid($"Unknown mode '{request.Mode}'. Valid modes are: {string.Join(", ", Enum.GetNames<TransitionMode>())}.");
                }

                if (mode == TransitionMode.AfterTime && request.DelaySeconds is null)
                {
                    return AdminApi.Invalid("Mode 'AfterTime' needs 'delaySeconds'.");
                }

                var policy = new TransitionPolicy(mode, request.Polls ?? 1, TimeSpan.FromSeconds(request.DelaySeconds ?? 0));
                found.Write(transaction => Lifecycles.SetPolicy(transaction, kind, policy));
                return Results.Json(Describe(policy));
            }));
        foundation.MapPost("/lifecycles/{kind}/step", (string id, string kind, StepRequest? request, Foundations foundations, Lifecycles lifecycles) =>
            WithKind(foundations, lifecycles, id, kind, found =>
            {
                var stepped = found.Write(transaction => lifecycles.Step(transaction, kind, request?.Guid, request?.Fail));
                return Results.Json(new { stepped });
            }));
        foundation.MapPost("/lifecycles/{kind}/fail-next", (string id, string kind, FailNextRequest request, Foundations foundations, Lifecycles lifecycles) =>
            WithKind(foundations, lifecycles, id, kind, found =>
            {
                found.Write(transaction => Lifecycles.FailNext(transaction, kind, request.Message));
                return Results.NoContent();
            }));
    }

    private static object Describe(TransitionPolicy policy) =>
        new { mode = policy.Mode.ToString(), polls = policy.Polls, delay_seconds = policy.Delay.TotalSeconds };

    private static IResult WithKind(Foundations foundations, Lifecycles lifecycles, string id, string kind, Func<Foundation, IResult> action) =>
        lifecycles.IsKnown(kind)
            ? AdminApi.WithFoundation(foundations, id, action)
            : AdminApi.Invalid($"Unknown lifecycle '{kind}'. Known lifecycles are: {string.Join(", ", lifecycles.Kinds.Order(StringComparer.Ordinal))}.");
}
