using System.Diagnostics;
using System.Text;

namespace CloudFoundry.Fake.Tests.Persistence;

/// <summary>The standalone fake (the built <c>CloudFoundry.Fake.dll</c>) as a real process on a free port.</summary>
public sealed class FakeProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder errors = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "CloudFoundry.Fake.dll"), "--urls", "http://127.0.0.1:0", "--Fake:LifecyclePreset=immediate", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) =>
        {
            const string Marker = "listening on ";
            if (line.Data?.IndexOf(Marker, StringComparison.Ordinal) is int at and >= 0)
            {
                listening.TrySetResult(new Uri(line.Data[(at + Marker.Length)..].Trim()));
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress => listening.Task.Result;

    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>Starts the fake and waits until it serves.</summary>
    public static async Task<FakeProcess> StartAsync(params string[] args)
    {
        var fake = new FakeProcess(args);
        var exited = fake.process.WaitForExitAsync();
        var first = await Task.WhenAny(fake.listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(first == fake.listening.Task, $"The fake did not start serving: {fake.Errors}");
        return fake;
    }

    /// <summary>Runs the fake until it exits by itself and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Errors)> RunToExitAsync(params string[] args)
    {
        using var fake = new FakeProcess(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await fake.process.WaitForExitAsync(timeout.Token);
        fake.process.WaitForExit();
        return (fake.process.ExitCode, fake.Errors);
    }

    /// <summary>SIGKILL: no shutdown hooks run.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }
}
