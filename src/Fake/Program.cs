using CloudFoundry.Fake.Admin;
using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Persistence;

WebApplication app;
try
{
    app = FakeServer.Create(args);
}
catch (StateFileException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

var console = app.Services.GetRequiredService<FakeOptions>().Console;
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"Cloud Foundry fake listening on {url}");
        Console.WriteLine($"  cf api {url} && cf login -u admin -p admin");
        Console.WriteLine($"  Tsuru API: {url} (admin@example.com / admin)");
        Console.WriteLine($"  Admin API: {url}/_fake");
        if (console)
        {
            Console.WriteLine($"  Console: {url}{ConsolePage.Path}");
        }
    }
});
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
