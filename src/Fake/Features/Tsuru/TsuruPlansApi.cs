using System.Globalization;
using System.Text.RegularExpressions;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>Tsuru plans (list, create with memory sizes such as <c>512M</c>, remove) and the routers apps may use.</summary>
public sealed partial class TsuruPlansApi : IFeatureModule
{
    private const long MinimumMemory = 4 * 1024 * 1024;

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.0", "/plans", (HttpContext context) =>
        {
            TsuruAuth.User(context);
            return TsuruAccountsApi.List(TsuruAuth.World(context).Of<TsuruPlan>().All.Select(Present));
        });
        TsuruRoutes.Map(routes, "POST", "1.0", "/plans", CreateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.0", "/plans/{name}", (string name, HttpContext context) =>
        {
            var caller = TsuruAuth.Admin(context);
            context.Foundation().Write(transaction =>
            {
                _ = transaction.Find<TsuruPlan>(name) ?? throw TsuruException.NotFound("plan not found");
                transaction.Remove<TsuruPlan>(name);
                TsuruEvents.Record(transaction, "plan.delete", "plan", name, caller);
            });
            return Results.Ok();
        });
        TsuruRoutes.Map(routes, "GET", "1.0", "/plans/routers", (HttpContext context) =>
        {
            var user = TsuruAuth.User(context);
            return TsuruJson.Json(new[]
            {
                new Dictionary<string, object?>
                {
                    ["name"] = "ingress",
                    ["type"] = "kubernetes-router",
                    ["info"] = new Dictionary<string, string>(),
                    ["config"] = user.IsAdmin ? new Dictionary<string, object>() : null,
                    ["readinessGates"] = null,
                    ["dynamic"] = false,
                    ["default"] = true,
                },
            });
        });
    }

    private static Dictionary<string, object> Present(TsuruPlan plan)
    {
        var json = new Dictionary<string, object> { ["name"] = plan.Name, ["memory"] = plan.Memory, ["cpumilli"] = plan.CpuMilli };
        if (plan.Default)
        {
            json["default"] = true;
        }

        return json;
    }

    /// <summary>A size as the server reads it: bytes, or a quantity with a binary suffix (<c>K</c>, <c>M</c>, <c>G</c>, <c>Mi</c>...); 0 when unreadable.</summary>
    private static long Size(string? text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
        {
            return bytes;
        }

        var match = SizeFormat().Match(text ?? string.Empty);
        if (!match.Success)
        {
            return 0;
        }

        var exponent = "KMGT".IndexOf(match.Groups[2].Value, StringComparison.Ordinal) + 1;
        return (long)(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * Math.Pow(1024, exponent));
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        var name = input.Value("name") ?? string.Empty;
        var memory = Size(input.Value("memory"));
        _ = int.TryParse(input.Value("cpumilli"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var cpuMilli);
        var isDefault = input.Flag("default");
        var caller = TsuruAuth.Admin(context);
        if (name.Length == 0)
        {
            throw TsuruException.BadRequest("invalid value for name");
        }

        if (memory is > 0 and < MinimumMemory)
        {
            throw TsuruException.BadRequest("The minimum allowed memory is 4MB");
        }

        var plan = new TsuruPlan(name, memory, cpuMilli, isDefault);
        context.Foundation().Write(transaction =>
        {
            if (transaction.Find<TsuruPlan>(name) is not null)
            {
                throw TsuruException.Conflict("plan already exists");
            }

            if (isDefault)
            {
                foreach (var other in transaction.Of<TsuruPlan>().All.Where(other => other.Default).ToList())
                {
                    transaction.Put(other with { Default = false });
                }
            }

            transaction.Put(plan);
            TsuruEvents.Record(transaction, "plan.create", "plan", name, caller);
        });
        return TsuruJson.Sniffed(Present(plan), StatusCodes.Status201Created);
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)([KMGT])i?$")]
    private static partial Regex SizeFormat();
}
