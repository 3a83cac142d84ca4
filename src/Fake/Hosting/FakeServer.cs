using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Persistence;
using CloudFoundry.Fake.Platform.CloudFoundry;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.Hosting;
using CloudFoundry.Fake.Platform.Uaa;

namespace CloudFoundry.Fake.Hosting;

/// <summary>Builds the fake's web application: engine services, the platform pipeline and every feature module.</summary>
public static class FakeServer
{
    public const string DefaultUrl = "http://localhost:8080";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(CommandLineAliases.Expand(args));
        var options = builder.Configuration.GetSection("Fake").Get<FakeOptions>() ?? new FakeOptions();
        var stateFile = string.IsNullOrEmpty(options.StateFile) ? null : new StateFile(options.StateFile);
        var restored = stateFile?.Load();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var modules = FeatureModules.Discover();
        AddServices(builder.Services, options, modules, restored);
        if (stateFile is not null)
        {
            builder.Services.AddSingleton(stateFile);
            builder.Services.AddHostedService<StateFileSaver>();
        }

        var app = builder.Build();
        UsePipeline(app);
        foreach (var module in modules)
        {
            module.Map(app);
        }

        MapUnknownRequests(app);
        return app;
    }

    private static void AddServices(IServiceCollection services, FakeOptions options, IReadOnlyList<IFeatureModule> modules, SavedFoundation? restored)
    {
        services.AddSingleton(options);
        services.AddSingleton<Lifecycles>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<UsageSummaries>();
        services.AddSingleton<DeletionCascade>();
        services.AddSingleton<IsolationSegmentEntitlements>();
        services.AddSingleton<AppDirectory>();
        services.AddSingleton(provider =>
        {
            var foundations = new Foundations(options, provider.GetServices<FoundationSeed>(), provider.GetServices<CommitObserver>(), provider.GetServices<CommitListener>());
            restored?.RestoreInto(foundations.Default);
            return foundations;
        });
        services.Configure<RouteOptions>(route => route.LowercaseUrls = false);
        foreach (var module in modules)
        {
            module.AddServices(services);
        }
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseWebSockets();
        app.UseMiddleware<FoundationRouting>();
        app.UseMiddleware<Admin.AdminAccess>();
        app.UseMiddleware<RequestJournaling>();
        app.UseMiddleware<ErrorHandling>();
        app.UseMiddleware<FaultInjection>();
        app.UseMiddleware<DueTransitions>();
        app.UseMiddleware<CfAuthentication>();
        app.UseRouting();
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.DisplayName == "405 HTTP Method Not Supported")
            {
                context.SetEndpoint(null);
                if (Platform.Tsuru.TsuruRoutes.Owns(context.Request.Path))
                {
                    await Platform.Tsuru.TsuruRoutes.WriteNotFoundAsync(context);
                    return;
                }

                UnmatchedRequest.Mark(context);
                throw CfErrors.UnknownRequest();
            }

            await next(context);
        });
        app.UseMiddleware<Features.AuditEvents.AuditRecording>();
    }

    private static void MapUnknownRequests(WebApplication app) =>
        app.MapFallback(context =>
        {
            if (Platform.Tsuru.TsuruRoutes.Owns(context.Request.Path))
            {
                return Platform.Tsuru.TsuruRoutes.WriteNotFoundAsync(context);
            }

            UnmatchedRequest.Mark(context);
            throw CfErrors.UnknownRequest();
        });
}
