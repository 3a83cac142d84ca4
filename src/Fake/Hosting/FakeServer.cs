using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Engine.Transitions;
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
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection("Fake").Get<FakeOptions>() ?? new FakeOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var modules = FeatureModules.Discover();
        AddServices(builder.Services, options, modules);
        var app = builder.Build();
        UsePipeline(app);
        foreach (var module in modules)
        {
            module.Map(app);
        }

        MapUnknownRequests(app);
        return app;
    }

    private static void AddServices(IServiceCollection services, FakeOptions options, IReadOnlyList<IFeatureModule> modules)
    {
        services.AddSingleton(options);
        services.AddSingleton<Lifecycles>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<UsageSummaries>();
        services.AddSingleton<DeletionCascade>();
        services.AddSingleton<IsolationSegmentEntitlements>();
        services.AddSingleton<AppDirectory>();
        services.AddSingleton(provider => new Foundations(options, provider.GetServices<FoundationSeed>(), provider.GetServices<CommitObserver>()));
        services.Configure<RouteOptions>(route => route.LowercaseUrls = false);
        foreach (var module in modules)
        {
            module.AddServices(services);
        }
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseMiddleware<FoundationRouting>();
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
