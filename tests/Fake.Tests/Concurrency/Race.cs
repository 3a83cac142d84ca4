namespace CloudFoundry.Fake.Tests.Concurrency;

/// <summary>Starts many requests at the same moment (released together from a gate) and collects their answers.</summary>
public static class Race
{
    public const int Writers = 16;

    public static async Task<HttpResponseMessage[]> RunAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(index => Task.Run(async () =>
        {
            await gate.Task;
            return await send(index);
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(racers);
    }
}
