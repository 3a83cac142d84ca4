namespace CloudFoundry.Fake.Platform.Hosting;

/// <summary>Marks a request no route of the fake answered, so the journal can list unmatched calls.</summary>
public static class UnmatchedRequest
{
    public static readonly object Marker = new();

    public static void Mark(HttpContext context) => context.Items[Marker] = true;
}
