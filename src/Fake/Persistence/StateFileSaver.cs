using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Persistence;

/// <summary>
/// Saves the default foundation to the state file at most every <see cref="Interval"/> after it changed (a new world
/// or a moved frozen clock), and once more on graceful shutdown.
/// </summary>
public sealed class StateFileSaver(StateFile file, Foundations foundations, ILogger<StateFileSaver> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private SavedFoundation? saved;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        SaveIfChanged();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                SaveIfChanged();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void SaveIfChanged()
    {
        var current = SavedFoundation.Of(foundations.Default);
        if (saved is not null && ReferenceEquals(current.World, saved.World) && (current.RealTimeClock || current.Clock == saved.Clock))
        {
            return;
        }

        try
        {
            file.Save(current);
            saved = current;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            logger.LogError(error, "Saving the state file {Path} failed; trying again at the next tick.", file.Path);
        }
    }
}
