using System.Collections.Immutable;
using System.Globalization;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>A job's environment variable (<c>managedBy</c> names the tool that owns it, empty when set by hand).</summary>
public sealed record TsuruJobEnv(string Value, string Alias, bool Public, string ManagedBy);

/// <summary>A Tsuru job: a container image and command run on a cron schedule, or only when triggered (manual).</summary>
public sealed record TsuruJob(
    string Guid,
    ImmutableSortedSet<string> Teams,
    string TeamOwner,
    string Owner,
    string Plan,
    string Pool,
    string Description,
    ImmutableSortedDictionary<string, string> Labels,
    ImmutableSortedDictionary<string, string> Annotations,
    string Schedule,
    bool Manual,
    string Image,
    ImmutableList<string> Command,
    long ActiveDeadlineSeconds,
    ImmutableSortedDictionary<string, TsuruJobEnv> Env,
    ImmutableList<TsuruUnit> Units) : IResource
{
    public string Name => Guid;
}

/// <summary>
/// Tsuru jobs (<c>/1.13/jobs</c>): create, list, info, update (merges what is sent over what is stored, answering
/// 202 with the job), delete, trigger (starts a run, shown as a unit), log, and the environment (set and unset
/// stream progress, <c>GET /1.16/jobs/{name}/env</c>).
/// </summary>
public sealed class TsuruJobsApi : IFeatureModule
{
    /// <summary>The schedule the server gives manual jobs: a day that never comes.</summary>
    private const string ManualSchedule = "* * 31 2 *";

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.Map(routes, "GET", "1.13", "/jobs", List);
        TsuruRoutes.Map(routes, "POST", "1.13", "/jobs", CreateAsync);
        TsuruRoutes.Map(routes, "GET", "1.13", "/jobs/{name}", Info);
        TsuruRoutes.Map(routes, "PUT", "1.13", "/jobs/{name}", UpdateAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.13", "/jobs/{name}", Delete);
        TsuruRoutes.Map(routes, "POST", "1.13", "/jobs/{name}/trigger", Trigger);
        TsuruRoutes.Map(routes, "GET", "1.13", "/jobs/{name}/log", Log);
        TsuruRoutes.Map(routes, "GET", "1.16", "/jobs/{name}/env", GetEnv);
        TsuruRoutes.Map(routes, "POST", "1.13", "/jobs/{name}/env", SetEnvAsync);
        TsuruRoutes.Map(routes, "DELETE", "1.13", "/jobs/{name}/env", UnsetEnvAsync);
    }

    private static bool CanSee(TsuruUser user, TsuruJob job) => user.IsAdmin || job.Teams.Any(user.Teams.Contains);

    private static TsuruJob Visible(HttpContext context, string name)
    {
        var user = TsuruAuth.User(context);
        var job = TsuruAuth.World(context).Find<TsuruJob>(name) ?? throw TsuruException.NotFound($"Job {name} not found.");
        return CanSee(user, job) ? job : throw TsuruException.Forbidden();
    }

    private static IResult List(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var world = TsuruAuth.World(context);
        var query = context.Request.Query;
        var name = query["name"].ToString();
        var jobs = world.Of<TsuruJob>().All
            .Where(job => CanSee(user, job))
            .Where(job => TsuruNames.MatchesFilter(job.Name, name))
            .Where(job => query["teamOwner"].ToString() is not { Length: > 0 } team || job.TeamOwner == team)
            .Where(job => query["owner"].ToString() is not { Length: > 0 } owner || job.Owner == owner)
            .Where(job => query["pool"].ToString() is not { Length: > 0 } pool || job.Pool == pool)
            .Select(job => Present(world, job));
        return TsuruAccountsApi.List(jobs);
    }

    private static IResult Info(string name, HttpContext context)
    {
        var job = Visible(context, name);
        var world = TsuruAuth.World(context);
        var info = new Dictionary<string, object?>();
        if (TsuruInfrastructureApi.ClusterOf(world, job.Pool) is { } cluster)
        {
            info["cluster"] = cluster;
        }

        info["job"] = Present(world, job);
        if (!job.Units.IsEmpty)
        {
            info["units"] = TsuruAppsApi.Units(job.Name, "job", job.Units);
        }

        return TsuruJson.Json(info);
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var user = TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        RejectManualWithSchedule(input);
        var name = input.Value("name") ?? string.Empty;
        context.Foundation().Write(transaction =>
        {
            var world = transaction.World;
            var team = input.Value("teamOwner") is { Length: > 0 } given ? given : TsuruAppsApi.DefaultTeam(world, user);
            if (!TsuruAuth.CanUseTeam(user, team))
            {
                throw TsuruException.Forbidden();
            }

            var failed = (string reason) => TsuruException.BadRequest($"tsuru failed to create job \"{name}\": {reason}");
            if (name.Length == 0)
            {
                throw failed("cronjob name can't be empty");
            }

            if (world.Find<TsuruJob>(name) is not null)
            {
                throw failed("a job with the same name already exists");
            }

            var pool = input.Value("pool") ?? string.Empty;
            if (world.Find<TsuruPool>(pool) is null)
            {
                throw failed("Pool does not exist.");
            }

            var plan = input.Value("plan") is { Length: > 0 } named ? named : world.Of<TsuruPlan>().All.FirstOrDefault(candidate => candidate.Default)?.Name ?? string.Empty;
            if (world.Find<TsuruPlan>(plan) is null)
            {
                throw failed("plan not found");
            }

            var manual = input.Flag("manual");
            var schedule = manual ? ManualSchedule : input.Value("schedule") ?? string.Empty;
            RequireSchedule(schedule);
            transaction.Put(new TsuruJob(
                name, [team], team, user.Email, plan, pool, input.Value("description") ?? string.Empty,
                Metadata(input, "labels", ImmutableSortedDictionary<string, string>.Empty), Metadata(input, "annotations", ImmutableSortedDictionary<string, string>.Empty),
                schedule, manual, input.Value("container.image") ?? string.Empty, [.. input.Values("container.command")],
                Deadline(input) ?? 0, ImmutableSortedDictionary<string, TsuruJobEnv>.Empty, []));
        });
        return TsuruJson.Json(new Dictionary<string, string> { ["jobName"] = name, ["status"] = "success" }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string name, HttpContext context)
    {
        var input = await TsuruInput.ReadAsync(context.Request);
        RejectManualWithSchedule(input);
        var job = Visible(context, name);
        var updated = context.Foundation().Write(transaction =>
        {
            var world = transaction.World;
            var pool = input.Value("pool") is { Length: > 0 } newPool ? newPool : job.Pool;
            if (world.Find<TsuruPool>(pool) is null)
            {
                throw TsuruException.BadRequest("Pool does not exist.");
            }

            var plan = input.Value("plan") is { Length: > 0 } newPlan ? newPlan : job.Plan;
            if (world.Find<TsuruPlan>(plan) is null)
            {
                throw TsuruException.NotFound("plan not found");
            }

            var schedule = input.Value("schedule") is { Length: > 0 } newSchedule ? newSchedule : job.Schedule;
            var manual = input.Flag("manual") || (job.Manual && input.Value("schedule") is not { Length: > 0 });
            schedule = manual ? ManualSchedule : schedule;
            RequireSchedule(schedule);
            var team = input.Value("teamOwner") is { Length: > 0 } newTeam ? newTeam : job.TeamOwner;
            var command = input.Values("container.command");
            return transaction.Put(job with
            {
                TeamOwner = team,
                Teams = job.Teams.Add(team),
                Pool = pool,
                Plan = plan,
                Description = input.Value("description") is { Length: > 0 } description ? description : job.Description,
                Labels = Metadata(input, "labels", job.Labels),
                Annotations = Metadata(input, "annotations", job.Annotations),
                Schedule = schedule,
                Manual = manual,
                Image = input.Value("container.image") is { Length: > 0 } image ? image : job.Image,
                Command = command.Count > 0 ? [.. command] : job.Command,
                ActiveDeadlineSeconds = Deadline(input) ?? job.ActiveDeadlineSeconds,
            });
        });
        return TsuruJson.Json(Present(TsuruAuth.World(context), updated), StatusCodes.Status202Accepted);
    }

    private static IResult Delete(string name, HttpContext context)
    {
        Visible(context, name);
        context.Foundation().Write(transaction => transaction.Remove<TsuruJob>(name));
        return Results.Ok();
    }

    private static IResult Trigger(string name, HttpContext context)
    {
        var job = Visible(context, name);
        context.Foundation().Write(transaction =>
            transaction.Put(job with { Units = job.Units.Add(new TsuruUnit($"{name}-{transaction.NewGuid()[..8]}", string.Empty, "started")) }));
        return TsuruJson.Json(new Dictionary<string, string> { ["status"] = "success" });
    }

    private static IResult Log(string name, HttpContext context)
    {
        var lines = context.Request.Query["lines"].ToString();
        if (lines.Length > 0 && !int.TryParse(lines, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw TsuruException.BadRequest("Parameter \"lines\" must be an integer.");
        }

        Visible(context, name);
        return Results.Text("[]\n", "application/x-json-stream");
    }

    private static IResult GetEnv(string name, HttpContext context)
    {
        var job = Visible(context, name);
        var wanted = context.Request.Query["env"];
        var variables = Environment(job).Where(variable => wanted.Count == 0 || wanted.Contains((string)variable["name"]!)).ToList();
        return variables.Count == 0 ? Results.Text("null\n", "application/json") : TsuruJson.Json(variables);
    }

    private static async Task<IResult> SetEnvAsync(string name, HttpContext context)
    {
        TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var managedBy = input.Value("managedBy") ?? string.Empty;
        var prune = input.Flag("pruneUnused");
        var isPrivate = input.Flag("private");
        var variables = new List<(string Name, TsuruJobEnv Env)>();
        for (var index = 0; input.Value($"Envs.{index}.Name") is { } variable; index++)
        {
            var hidden = isPrivate || input.Flag($"Envs.{index}.Private");
            variables.Add((variable, new TsuruJobEnv(input.Value($"Envs.{index}.Value") ?? string.Empty, input.Value($"Envs.{index}.Alias") ?? string.Empty, !hidden, managedBy)));
        }

        if (managedBy.Length == 0 && variables.Count == 0)
        {
            throw TsuruException.BadRequest("You must provide the list of environment variables");
        }

        if (prune && managedBy.Length == 0)
        {
            throw TsuruException.BadRequest("Prune unused requires a managed-by value");
        }

        TsuruEnvNames.Validate(variables.Select(variable => variable.Name));
        var job = Visible(context, name);
        var messages = new List<string>();
        if (variables.Count > 0)
        {
            messages.Add($"---- Setting {variables.Count} new environment variables ----\n");
        }

        var env = job.Env;
        if (prune)
        {
            foreach (var unused in env.Where(pair => pair.Value.ManagedBy == managedBy && variables.All(variable => variable.Name != pair.Key)).Select(pair => pair.Key).ToList())
            {
                messages.Add($"---- Pruning {unused} from environment variables ----\n");
                env = env.Remove(unused);
            }
        }

        env = env.SetItems(variables.Select(variable => KeyValuePair.Create(variable.Name, variable.Env)));
        var foundation = context.Foundation();
        foundation.Write(transaction => transaction.Put(job with { Env = env }));
        return TsuruStream.Of(foundation.Clock.Now, [.. messages]);
    }

    private static async Task<IResult> UnsetEnvAsync(string name, HttpContext context)
    {
        TsuruAuth.User(context);
        var input = await TsuruInput.ReadAsync(context.Request);
        var names = input.Values("env");
        if (input.Value("env") is not { Length: > 0 })
        {
            throw TsuruException.BadRequest("You must provide the list of environment variables.");
        }

        var job = Visible(context, name);
        var foundation = context.Foundation();
        foundation.Write(transaction => transaction.Put(job with { Env = job.Env.RemoveRange(names) }));
        return TsuruStream.Of(foundation.Clock.Now, $"---- Unsetting {names.Count} environment variables ----\n");
    }

    private static void RejectManualWithSchedule(TsuruInput input)
    {
        if (input.Flag("manual") && input.Value("schedule") is { Length: > 0 })
        {
            throw TsuruException.Conflict("you can't set schedule and manual job at the same time");
        }
    }

    private static void RequireSchedule(string schedule)
    {
        if (!TsuruCronSchedule.IsValid(schedule))
        {
            throw TsuruException.BadRequest("invalid schedule");
        }
    }

    private static long? Deadline(TsuruInput input) =>
        long.TryParse(input.Value("activeDeadlineSeconds"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? seconds : null;

    /// <summary>Applies <c>metadata.labels.N.name/value</c> items (with <c>delete</c> to remove one) over the current ones.</summary>
    private static ImmutableSortedDictionary<string, string> Metadata(TsuruInput input, string kind, ImmutableSortedDictionary<string, string> current)
    {
        for (var index = 0; input.Value($"metadata.{kind}.{index}.name") is { } name; index++)
        {
            current = input.Flag($"metadata.{kind}.{index}.delete") ? current.Remove(name) : current.SetItem(name, input.Value($"metadata.{kind}.{index}.value") ?? string.Empty);
        }

        return current;
    }

    private static IEnumerable<Dictionary<string, object?>> Environment(TsuruJob job) => job.Env.Select(pair =>
    {
        var variable = new Dictionary<string, object?> { ["name"] = pair.Key, ["value"] = pair.Value.Value, ["alias"] = pair.Value.Alias, ["public"] = pair.Value.Public };
        if (pair.Value.ManagedBy.Length > 0)
        {
            variable["managedBy"] = pair.Value.ManagedBy;
        }

        return variable;
    });

    private static Dictionary<string, object?> Present(World world, TsuruJob job) => new()
    {
        ["name"] = job.Name,
        ["teams"] = job.Teams,
        ["teamOwner"] = job.TeamOwner,
        ["owner"] = job.Owner,
        ["plan"] = TsuruAppsApi.Plan(world, job.Plan),
        ["metadata"] = new
        {
            labels = job.Labels.Select(pair => new { name = pair.Key, value = pair.Value }),
            annotations = job.Annotations.Select(pair => new { name = pair.Key, value = pair.Value }),
        },
        ["pool"] = job.Pool,
        ["description"] = job.Description,
        ["spec"] = new Dictionary<string, object?>
        {
            ["activeDeadlineSeconds"] = job.ActiveDeadlineSeconds,
            ["schedule"] = job.Schedule,
            ["manual"] = job.Manual,
            ["container"] = new { image = job.Image, command = job.Command },
            ["envs"] = Environment(job).ToList(),
        },
    };
}
