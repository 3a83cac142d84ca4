using System.Globalization;
using System.Text;
using CloudFoundry.Fake.Hosting;
using CloudFoundry.Fake.Platform.Tsuru;

namespace CloudFoundry.Fake.Features.Tsuru;

/// <summary>
/// The server's own endpoints: the welcome page (<c>/1.0</c>; the bare <c>/</c> is Cloud Foundry's root), Prometheus
/// metrics, and the admin-only debug and profiling endpoints.
/// </summary>
public sealed class TsuruServerApi : IFeatureModule
{
    private static readonly string[] Profiles = ["allocs", "block", "cmdline", "goroutine", "heap", "mutex", "profile", "threadcreate", "trace"];
    private static readonly string[] BinaryProfiles = ["block", "goroutine", "heap", "threadcreate"];

    public void Map(IEndpointRouteBuilder routes)
    {
        TsuruRoutes.MapVersioned(routes, "GET", "1.0", string.Empty, () => Results.Text(WelcomePage, "text/html; charset=utf-8"));
        TsuruRoutes.Map(routes, "GET", "1.2", "/metrics", Metrics);
        TsuruRoutes.Map(routes, "GET", "1.0", "/debug/goroutines", (HttpContext context) => Debug(context, () => Results.Text(Goroutines(full: true), "text/plain; charset=utf-8")));
        TsuruRoutes.Map(routes, "GET", "1.0", "/debug/pprof/", (HttpContext context) => Debug(context, () => Results.Text(ProfileIndex, "text/html; charset=utf-8")));
        TsuruRoutes.Map(routes, "GET", "1.0", "/debug/pprof/cmdline", (HttpContext context) => Debug(context, () => Results.Text("tsurud\0api", "text/plain; charset=utf-8")));
        TsuruRoutes.Map(routes, "GET", "1.0", "/debug/pprof/symbol", (HttpContext context) => Debug(context, () => Results.Text("num_symbols: 1\n", "text/plain; charset=utf-8")));
        foreach (var profile in new[] { "profile", "trace" })
        {
            TsuruRoutes.Map(routes, "GET", "1.0", $"/debug/pprof/{profile}", (HttpContext context) => Debug(context, () => Attachment(context, profile)));
        }

        foreach (var profile in BinaryProfiles)
        {
            TsuruRoutes.Map(routes, "GET", "1.0", $"/debug/pprof/{profile}", (HttpContext context) => Debug(context, () =>
                context.Request.Query["debug"].ToString() is { Length: > 0 } level && level != "0"
                    ? Results.Text(profile == "goroutine" ? Goroutines(full: level == "2") : $"{profile} profile: total 0\n", "text/plain; charset=utf-8")
                    : Attachment(context, profile)));
        }

        TsuruRoutes.Map(routes, "GET", "1.9", "/debug/fgprof", (HttpContext context) => Debug(context, () => Attachment(context, "fgprof")));
    }

    private static string WelcomePage =>
        """
        <html>
        <head><meta charset="utf-8"><title>Welcome to tsuru!</title></head>
        <body>
        <h1>Welcome to tsuru!</h1>
        <p>This is a tsuru API endpoint. Add it as a target of the tsuru client, then log in:</p>
        <pre>$ tsuru target-add default &lt;this address&gt; -s
        $ tsuru login</pre>
        </body>
        </html>

        """;

    private static string ProfileIndex =>
        "<html>\n<head><title>/debug/pprof/</title></head>\n<body>\n/debug/pprof/<br>\n<br>\nTypes of profiles available:\n<table>\n"
        + string.Concat(Profiles.Select(profile => $"<tr><td>0</td><td><a href='{profile}?debug=1'>{profile}</a></td></tr>\n"))
        + "</table>\n</body>\n</html>\n";

    private static IResult Debug(HttpContext context, Func<IResult> answer) =>
        TsuruAuth.User(context).IsAdmin ? answer() : throw TsuruException.Forbidden();

    private static string Goroutines(bool full) => full
        ? "goroutine 1 [running]:\nmain.main()\n\t/tsuru/cmd/tsurud/main.go:1 +0x1\n"
        : "goroutine profile: total 1\n1 @ 0x1\n#\t0x1\tmain.main+0x1\t/tsuru/cmd/tsurud/main.go:1\n";

    private static IResult Attachment(HttpContext context, string profile)
    {
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{profile}\"";
        return Results.Bytes([], "application/octet-stream");
    }

    private static IResult Metrics(HttpContext context)
    {
        var world = TsuruAuth.World(context);
        var text = new StringBuilder();
        void Gauge(string name, string help, double value)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");
        }

        Gauge("go_goroutines", "Number of goroutines that currently exist.", 1);
        Gauge("tsuru_apps", "Number of apps.", world.Of<TsuruApp>().Count);
        Gauge("tsuru_units", "Number of app units.", world.Of<TsuruApp>().All.Sum(app => app.Units.Count));
        Gauge("tsuru_jobs", "Number of jobs.", world.Of<TsuruJob>().Count);
        Gauge("tsuru_volumes", "Number of volumes.", world.Of<TsuruVolume>().Count);
        return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }
}
