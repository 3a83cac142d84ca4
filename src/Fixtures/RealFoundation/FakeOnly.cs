namespace CloudFoundry.Fake.Fixtures;

/// <summary>The error of operations only the fake can do, asked of a fixture that runs against a real Cloud Foundry.</summary>
internal static class FakeOnly
{
    public static NotSupportedException Error(string check) => new(
        $"Only the fake can do this: the fixture runs against a real Cloud Foundry ({CloudFoundryTarget.TargetVariable}). Check {check} and skip.");
}
