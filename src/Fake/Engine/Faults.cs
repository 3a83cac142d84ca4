using System.Text.RegularExpressions;

namespace CloudFoundry.Fake.Engine;

public enum FaultKind
{
    Latency,
    Status,
    RateLimit,
    Drop,
}

/// <summary>
/// A scripted misbehaviour for requests whose method and path match: added latency, an error status,
/// a 429 rate limit, or a dropped connection. <see cref="Remaining"/> null means "every time".
/// </summary>
public sealed record Fault(
    string Id,
    FaultKind Kind,
    string PathPattern,
    string? Method = null,
    int Status = 500,
    int LatencyMs = 0,
    int? Remaining = null)
{
    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) &&
        Regex.IsMatch(path, "^" + Regex.Escape(PathPattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
}

/// <summary>The faults scripted for one foundation.</summary>
public sealed class FaultSet
{
    private readonly Lock gate = new();
    private readonly List<Fault> faults = [];
    private int counter;

    public Fault Add(Fault fault)
    {
        lock (gate)
        {
            var stored = fault with { Id = string.IsNullOrEmpty(fault.Id) ? $"fault-{++counter}" : fault.Id };
            faults.Add(stored);
            return stored;
        }
    }

    public IReadOnlyList<Fault> All()
    {
        lock (gate)
        {
            return [.. faults];
        }
    }

    public bool Remove(string id)
    {
        lock (gate)
        {
            return faults.RemoveAll(fault => fault.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>Finds the first fault matching the request and consumes one use of it.</summary>
    public Fault? Take(string method, string path)
    {
        lock (gate)
        {
            var index = faults.FindIndex(fault => fault.Matches(method, path));
            if (index < 0)
            {
                return null;
            }

            var fault = faults[index];
            if (fault.Remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    faults.RemoveAt(index);
                }
                else
                {
                    faults[index] = fault with { Remaining = remaining - 1 };
                }
            }

            return fault;
        }
    }
}
