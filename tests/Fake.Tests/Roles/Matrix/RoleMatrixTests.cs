using System.Net;
using System.Text.Json.Nodes;
using CloudFoundry.Fake.Tests.Fuzz;
using CloudFoundry.Fake.Tests.Support;
using Xunit.Abstractions;

namespace CloudFoundry.Fake.Tests.Roles.Matrix;

/// <summary>
/// Every Cloud Foundry V3 operation, called as each role of <see cref="MatrixRole.All"/> on the org and space that own
/// the fuzz target's resources, answers as <see cref="RoleExpectations"/> says. The admin's answer is the baseline:
/// rows the admin cannot reach (404) are not checked, and where the admin gets a validation error (400/422) a denied
/// role may get it too, because Cloud Controller validates some bodies before it checks permissions. The world is
/// restored after every request.
/// </summary>
public sealed class RoleMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Partitions() => SpecOperations.Partitions(document => document == SpecOperations.CloudFoundryV3);

    [Theory]
    [MemberData(nameof(Partitions))]
    public async Task Every_role_gets_cloud_controllers_answer(string document, string tag)
    {
        using var foundation = await TestFoundation.CreateAsync();
        var target = await FuzzTarget.CloudFoundryAsync(foundation);
        var org = await NamedAsync(foundation, "organizations", "fuzz-org");
        var space = await NamedAsync(foundation, "spaces", "fuzz-space");
        var clients = new List<HttpClient>();
        foreach (var role in MatrixRole.All)
        {
            clients.Add(await role.ClientAsync(foundation, org, space));
        }

        var engine = foundation.Engine;
        var seeded = engine.World;
        var problems = new List<string>();
        var (checkedPairs, skipped) = (0, 0);
        foreach (var operation in SpecOperations.Of(document, tag).Where(operation => !operation.Public))
        {
            var expected = RoleExpectations.For(operation);
            if (expected is null)
            {
                problems.Add($"{operation}: no rule");
                continue;
            }

            var request = await MatrixRequest.ForAsync(operation, target);
            var baseline = await SendAsync(foundation.Admin, request);
            engine.Restore(seeded);
            if (baseline is HttpStatusCode.NotFound || (int)baseline >= 500)
            {
                output.WriteLine($"not checked: {operation} (admin got {(int)baseline})");
                skipped++;
                continue;
            }

            for (var column = 0; column < MatrixRole.All.Count; column++)
            {
                var actual = await SendAsync(clients[column], request);
                engine.Restore(seeded);
                checkedPairs++;
                if (!Matches(expected[column], baseline, actual))
                {
                    problems.Add($"{operation} as {MatrixRole.All[column]}: expected {expected[column]} (admin {(int)baseline}), got {(int)actual}");
                }
            }
        }

        output.WriteLine($"{checkedPairs} (operation, role) pairs checked, {skipped} operations not reachable by the admin");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool Matches(char expected, HttpStatusCode baseline, HttpStatusCode actual)
    {
        var validationFirst = baseline is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity && actual == baseline;
        return expected switch
        {
            'A' => actual == baseline,
            'F' => actual == HttpStatusCode.Forbidden || validationFirst,
            'H' => actual == HttpStatusCode.NotFound || validationFirst,
            'U' => actual == HttpStatusCode.UnprocessableEntity,
            _ => throw new ArgumentOutOfRangeException(nameof(expected), expected, "unknown answer"),
        };
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, MatrixRequest request)
    {
        using var message = request.Message();
        using var response = await client.SendAsync(message);
        return response.StatusCode;
    }

    private static async Task<string> NamedAsync(TestFoundation foundation, string collection, string name) =>
        (await foundation.Admin.GetAsync($"/v3/{collection}?names={name}").OkJsonAsync())["resources"]![0]!.Guid();
}
