using CloudFoundry.Fake.Engine.Transitions;
using CloudFoundry.Fake.Platform.CloudFoundry;

namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>
/// Before each request: finishes lifecycles whose clock time has come, and stamps the request id. Time-driven
/// transitions therefore show up on the next request after the clock passes them.
/// </summary>
public sealed class DueTransitions(RequestDelegate next, Lifecycles lifecycles)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var foundation = context.Foundation();
        if (Lifecycles.HasDue(foundation.World, foundation.Clock.Now))
        {
            foundation.Write(transaction => lifecycles.FinishDue(transaction));
        }

        context.TraceIdentifier = Engine.DeterministicGuid.Create("request:" + foundation.Id, foundation.Journal.NextSequence());
        context.Response.OnStarting(() =>
        {
            CfHeaders.AddRequestId(context);
            return Task.CompletedTask;
        });
        await next(context);
    }
}
