using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Features.Jobs;
using CloudFoundry.Fake.Features.Spaces;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Authorization;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Lists;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Features.SecurityGroups;

/// <summary><c>/v3/security_groups</c>, their running/staging space bindings and the per-space lists.</summary>
public sealed class SecurityGroupsApi : IFeatureModule
{
    public const string DeleteOperation = "security_group.delete";

    private static readonly string[] Protocols = ["tcp", "udp", "icmp", "icmpv6", "all"];

    private static readonly ListSpec ListSpec = new()
    {
        Filters = ["names", "globally_enabled_running", "globally_enabled_staging", "running_space_guids", "staging_space_guids"],
        LabelSelector = false,
    };

    private static readonly ListSpec SpaceListSpec = new() { Filters = ["names"], LabelSelector = false };

    public void AddServices(IServiceCollection services) => services.AddSingleton<FoundationSeed>(transaction =>
    {
        foreach (var (name, rules) in new[]
                 {
                     ("public_networks", ImmutableList.Create(new SecurityGroupRule("all", "0.0.0.0-9.255.255.255", null, null, null, null, false), new SecurityGroupRule("all", "11.0.0.0-169.253.255.255", null, null, null, null, false))),
                     ("dns", ImmutableList.Create(new SecurityGroupRule("tcp", "0.0.0.0/0", "53", null, null, null, false), new SecurityGroupRule("udp", "0.0.0.0/0", "53", null, null, null, false))),
                 })
        {
            transaction.Put(new SecurityGroup(transaction.NamedGuid("security_group/" + name), name, true, true, rules, [], [], transaction.Now, transaction.Now));
        }
    });

    public void Map(IEndpointRouteBuilder routes)
    {
        var jobs = routes.ServiceProvider.GetRequiredService<JobQueue>();
        jobs.RegisterResource<SecurityGroup>("security_group");
        jobs.Register(DeleteOperation, (transaction, job) => transaction.Remove<SecurityGroup>(job.ResourceGuid!));
        routes.ServiceProvider.GetRequiredService<DeletionCascade>().OnDelete<Space>((transaction, space) =>
        {
            foreach (var group in transaction.Of<SecurityGroup>().All.Where(group => group.RunningSpaceGuids.Contains(space.Guid) || group.StagingSpaceGuids.Contains(space.Guid)).ToList())
            {
                transaction.Put(group with { RunningSpaceGuids = group.RunningSpaceGuids.Remove(space.Guid), StagingSpaceGuids = group.StagingSpaceGuids.Remove(space.Guid) });
            }
        });

        routes.MapGet("/v3/security_groups", List);
        routes.MapPost("/v3/security_groups", Create);
        routes.MapGet("/v3/security_groups/{guid}", (string guid, CfContext cf) => Present(cf, Visible(cf.Access(), guid)));
        routes.MapPatch("/v3/security_groups/{guid}", Update);
        routes.MapDelete("/v3/security_groups/{guid}", Delete);
        foreach (var lifecycle in new[] { "running", "staging" })
        {
            var running = lifecycle == "running";
            routes.MapPost($"/v3/security_groups/{{guid}}/relationships/{lifecycle}_spaces", (string guid, CfContext cf) => Bind(guid, cf, running));
            routes.MapDelete($"/v3/security_groups/{{guid}}/relationships/{lifecycle}_spaces/{{spaceGuid}}", (string guid, string spaceGuid, CfContext cf) => Unbind(guid, spaceGuid, cf, running));
            routes.MapGet($"/v3/spaces/{{guid}}/{lifecycle}_security_groups", (string guid, CfContext cf) => SpaceGroups(guid, cf, running));
        }
    }

    private static bool CanRead(Access access, SecurityGroup group) =>
        access.ReadsEverything || group.RunningGlobally || group.StagingGlobally ||
        group.RunningSpaceGuids.Any(access.CanReadSpace) || group.StagingSpaceGuids.Any(access.CanReadSpace);

    private static SecurityGroup Visible(Access access, string guid)
    {
        var group = access.World.Find<SecurityGroup>(guid);
        return group is not null && CanRead(access, group) ? group : throw CfErrors.NotFound("Security group");
    }

    private static IResult Present(CfContext cf, SecurityGroup group)
    {
        var access = cf.Access();
        return CfResults.Ok(SecurityGroupResponse.From(group, space => access.ReadsEverything || access.CanReadSpace(space), cf.Urls));
    }

    private static IResult List(CfContext cf)
    {
        var query = ListQuery.Parse(cf.Http.Request, ListSpec);
        var access = cf.Access();
        var groups = query.Standard(access.World.Of<SecurityGroup>()).Where(group => CanRead(access, group));
        groups = query.Where(groups, "names", group => group.Name);
        groups = query.WhereFlag(groups, "globally_enabled_running", group => group.RunningGlobally);
        groups = query.WhereFlag(groups, "globally_enabled_staging", group => group.StagingGlobally);
        groups = query.WhereAny(groups, "running_space_guids", group => group.RunningSpaceGuids);
        groups = query.WhereAny(groups, "staging_space_guids", group => group.StagingSpaceGuids);
        return CfResults.Ok(query.Respond(groups, group => SecurityGroupResponse.From(group, space => access.ReadsEverything || access.CanReadSpace(space), cf.Urls), cf.Urls, "/v3/security_groups"));
    }

    private static IResult SpaceGroups(string guid, CfContext cf, bool running)
    {
        var query = ListQuery.Parse(cf.Http.Request, SpaceListSpec);
        var access = cf.Access();
        var space = SpacesApi.Visible(access, guid);
        var groups = access.World.Of<SecurityGroup>().All.Where(group => running
            ? group.RunningGlobally || group.RunningSpaceGuids.Contains(space.Guid)
            : group.StagingGlobally || group.StagingSpaceGuids.Contains(space.Guid));
        groups = query.Where(query.Standard(groups), "names", group => group.Name);
        var lifecycle = running ? "running" : "staging";
        return CfResults.Ok(query.Respond(groups, group => SecurityGroupResponse.From(group, _ => true, cf.Urls), cf.Urls, $"/v3/spaces/{guid}/{lifecycle}_security_groups"));
    }

    private static async Task<IResult> Create(CfContext cf)
    {
        cf.Access().RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "globally_enabled", "rules", "relationships");
        var name = body.String("name", required: true, maxLength: 250);
        var (running, staging) = ReadGloballyEnabled(body);
        var rules = ReadRules(body) ?? [];
        var relationships = body.Object("relationships");
        var runningSpaces = relationships?.Object("running_spaces")?.GuidList() ?? [];
        var stagingSpaces = relationships?.Object("staging_spaces")?.GuidList() ?? [];
        body.ThrowIfInvalid();
        var group = cf.Write(transaction =>
        {
            EnsureUniqueName(transaction.World, name!, except: null);
            EnsureSpacesExist(transaction.World, runningSpaces.Concat(stagingSpaces));
            return transaction.Put(new SecurityGroup(transaction.NewGuid(), name!, running ?? false, staging ?? false, rules, [.. runningSpaces], [.. stagingSpaces], transaction.Now, transaction.Now));
        });
        return CfResults.Created(SecurityGroupResponse.From(group, _ => true, cf.Urls));
    }

    private static async Task<IResult> Update(string guid, CfContext cf)
    {
        var access = cf.Access();
        Visible(access, guid);
        access.RequireAdmin();
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("name", "globally_enabled", "rules");
        var name = body.String("name", maxLength: 250);
        var (running, staging) = ReadGloballyEnabled(body);
        var rules = ReadRules(body);
        body.ThrowIfInvalid();
        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<SecurityGroup>(guid) ?? throw CfErrors.NotFound("Security group");
            if (name is not null)
            {
                EnsureUniqueName(transaction.World, name, except: guid);
            }

            return transaction.Put(current with
            {
                Name = name ?? current.Name,
                RunningGlobally = running ?? current.RunningGlobally,
                StagingGlobally = staging ?? current.StagingGlobally,
                Rules = rules ?? current.Rules,
                UpdatedAt = transaction.Now,
            });
        });
        return Present(cf, updated);
    }

    private static IResult Delete(string guid, CfContext cf, JobQueue jobs)
    {
        var access = cf.Access();
        Visible(access, guid);
        access.RequireAdmin();
        var job = cf.Write(transaction => jobs.Enqueue(transaction, DeleteOperation, "security_group", guid));
        return CfResults.Job(cf.Urls, job.Guid);
    }

    private static async Task<IResult> Bind(string guid, CfContext cf, bool running)
    {
        var access = cf.Access();
        Visible(access, guid);
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("data");
        var spaces = body.GuidList();
        body.ThrowIfInvalid();
        foreach (var spaceGuid in spaces)
        {
            var space = access.World.Find<Space>(spaceGuid);
            if (space is null || !access.CanReadSpace(space))
            {
                throw CfErrors.Unprocessable($"Spaces with guids [\"{spaceGuid}\"] do not exist, or you do not have access to them.");
            }

            access.Require(access.CanManageSpace(space));
        }

        var updated = cf.Write(transaction =>
        {
            var current = transaction.Find<SecurityGroup>(guid) ?? throw CfErrors.NotFound("Security group");
            return transaction.Put(running
                ? current with { RunningSpaceGuids = current.RunningSpaceGuids.Union(spaces), UpdatedAt = transaction.Now }
                : current with { StagingSpaceGuids = current.StagingSpaceGuids.Union(spaces), UpdatedAt = transaction.Now });
        });
        var lifecycle = running ? "running" : "staging";
        return CfResults.Ok(new
        {
            data = (running ? updated.RunningSpaceGuids : updated.StagingSpaceGuids).Where(access.CanReadSpace).Select(space => new GuidReference(space)),
            links = new { self = cf.Urls.Link($"/v3/security_groups/{guid}/relationships/{lifecycle}_spaces") },
        });
    }

    private static IResult Unbind(string guid, string spaceGuid, CfContext cf, bool running)
    {
        var access = cf.Access();
        var group = Visible(access, guid);
        var notBound = CfErrors.Unprocessable($"Unable to unbind security group from space with guid '{spaceGuid}'. Ensure the space is bound to this security group.");
        var space = access.World.Find<Space>(spaceGuid) ?? throw notBound;
        access.Require(access.CanManageSpace(space));
        var bound = running ? group.RunningSpaceGuids : group.StagingSpaceGuids;
        if (!bound.Contains(spaceGuid))
        {
            throw notBound;
        }

        cf.Write(transaction =>
        {
            var current = transaction.Find<SecurityGroup>(guid) ?? throw CfErrors.NotFound("Security group");
            transaction.Put(running
                ? current with { RunningSpaceGuids = current.RunningSpaceGuids.Remove(spaceGuid), UpdatedAt = transaction.Now }
                : current with { StagingSpaceGuids = current.StagingSpaceGuids.Remove(spaceGuid), UpdatedAt = transaction.Now });
        });
        return CfResults.NoContent();
    }

    private static (bool? Running, bool? Staging) ReadGloballyEnabled(RequestBody body)
    {
        if (body.Object("globally_enabled") is not { } enabled)
        {
            return (null, null);
        }

        enabled.AllowOnly("running", "staging");
        return (enabled.Boolean("running"), enabled.Boolean("staging"));
    }

    private static ImmutableList<SecurityGroupRule>? ReadRules(RequestBody body)
    {
        if (!body.Json.TryGetPropertyValue("rules", out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            body.AddError("rules", "must be an array");
            return null;
        }

        var rules = ImmutableList.CreateBuilder<SecurityGroupRule>();
        for (var index = 0; index < array.Count; index++)
        {
            if (array[index] is not JsonObject rule)
            {
                body.AddError($"Rules[{index}]: must be an object");
                continue;
            }

            string? Text(string key) => rule[key]?.GetValueKind() == JsonValueKind.String ? rule[key]!.GetValue<string>() : null;
            var protocol = Text("protocol");
            if (!Protocols.Contains(protocol))
            {
                body.AddError($"Rules[{index}]: protocol must be 'tcp', 'udp', 'icmp', 'icmpv6' or 'all'");
                continue;
            }

            var destination = Text("destination");
            if (string.IsNullOrEmpty(destination))
            {
                body.AddError($"Rules[{index}]: destination must be a valid CIDR, IP address, or IP address range");
                continue;
            }

            var ports = Text("ports");
            if (protocol is "tcp" or "udp" && string.IsNullOrEmpty(ports))
            {
                body.AddError($"Rules[{index}]: ports are required for protocols of type TCP and UDP");
                continue;
            }

            int? Number(string key) => rule[key] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
            rules.Add(new SecurityGroupRule(protocol!, destination, ports, Number("type"), Number("code"), Text("description"),
                rule["log"]?.GetValueKind() == JsonValueKind.True));
        }

        return rules.ToImmutable();
    }

    private static void EnsureSpacesExist(World world, IEnumerable<string> spaceGuids)
    {
        var missing = spaceGuids.Where(guid => world.Find<Space>(guid) is null).ToList();
        if (missing.Count > 0)
        {
            throw CfErrors.Unprocessable($"Spaces with guids [\"{string.Join("\", \"", missing)}\"] do not exist, or you do not have access to them.");
        }
    }

    private static void EnsureUniqueName(World world, string name, string? except)
    {
        if (world.Of<SecurityGroup>().All.Any(group => group.Guid != except && group.Name == name))
        {
            throw CfErrors.Unprocessable($"Security group with name '{name}' already exists.");
        }
    }
}
