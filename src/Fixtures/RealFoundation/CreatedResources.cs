using System.Net;

namespace CloudFoundry.Fake.Fixtures;

/// <summary>What the builders created on a real foundation, deleted newest first when the test's foundation is disposed.</summary>
internal sealed class CreatedResources
{
    private readonly Stack<(string What, Uri Location)> created = new();
    private readonly Lock gate = new();

    /// <summary>How many resources are waiting to be deleted.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return created.Count;
            }
        }
    }

    /// <summary>Remembers a resource and the address a DELETE removes it at (relative to the API, or absolute for UAA).</summary>
    public void Track(string what, Uri location)
    {
        lock (gate)
        {
            created.Push((what, location));
        }
    }

    /// <summary>Deletes everything tracked, newest first, waiting for each deletion's job; throws listing what could not be deleted.</summary>
    public async Task DeleteAllAsync(HttpClient client, Polling polling)
    {
        var failures = new List<string>();
        while (Next() is { } resource)
        {
            try
            {
                using var response = await client.DeleteAsync(resource.Location);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    await polling.JobAsync(response, "deleting " + resource.What);
                }
                else if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"{resource.What}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TimeoutException)
            {
                failures.Add($"{resource.What}: {exception.Message}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Cleanup left resources behind: " + string.Join("; ", failures));
        }
    }

    private (string What, Uri Location)? Next()
    {
        lock (gate)
        {
            return created.TryPop(out var resource) ? resource : null;
        }
    }
}
