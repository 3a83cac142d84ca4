using CloudFoundry.Fake.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudFoundry.Fake.Tests.Persistence;

/// <summary>In-process fakes (and their temporary directory) that keep the default foundation in a state file.</summary>
public sealed class StateFileServer : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("cf-fake-state-");

    public string StateFile => Path.Combine(directory.FullName, "state.json");

    public WebApplicationFactory<Program> Start() => FakeApp.Start(("Fake:StateFile", StateFile));

    public void Dispose() => directory.Delete(recursive: true);
}
