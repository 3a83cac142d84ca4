using System.Text;

namespace CloudFoundry.Fake.Features.Tsuru.WebSockets;

/// <summary>
/// The login shell <c>tsuru app shell</c> opens in a unit, simulated: keystrokes are echoed as a terminal does, Enter
/// runs the line, and a few commands answer (<c>echo</c>, <c>env</c> with the app's environment, <c>hostname</c> with
/// the unit's id, <c>pwd</c>, <c>exit</c>); any other command is not found.
/// </summary>
public sealed class UnitShell(string hostname, IReadOnlyList<TsuruEnvEntry> environment)
{
    public const string Prompt = "$ ";
    public const string WorkingDirectory = "/home/application/current";
    private const string NewLine = "\r\n";
    private const char EndOfTransmission = '\u0004';

    private readonly StringBuilder line = new();
    private char previous;

    /// <summary>Whether the shell ended (<c>exit</c>, or Ctrl-D on an empty line).</summary>
    public bool Exited { get; private set; }

    /// <summary>Types <paramref name="keys"/> and returns what the terminal shows in answer.</summary>
    public string Type(string keys)
    {
        var output = new StringBuilder();
        foreach (var key in keys)
        {
            if (Exited)
            {
                break;
            }

            switch (key)
            {
                case '\n' when previous == '\r':
                    break;
                case '\r' or '\n':
                    output.Append(NewLine).Append(Run(line.ToString()));
                    line.Clear();
                    output.Append(Exited ? string.Empty : Prompt);
                    break;
                case '\b' or '\u007f':
                    if (line.Length > 0)
                    {
                        line.Length--;
                        output.Append("\b \b");
                    }

                    break;
                case EndOfTransmission when line.Length == 0:
                    Exited = true;
                    output.Append("exit").Append(NewLine);
                    break;
                case >= ' ':
                    line.Append(key);
                    output.Append(key);
                    break;
            }

            previous = key;
        }

        return output.ToString();
    }

    private string Run(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (words.FirstOrDefault())
        {
            case null:
                return string.Empty;
            case "echo":
                return string.Join(' ', words[1..]) + NewLine;
            case "env":
                return string.Concat(environment.Select(variable => $"{variable.Name}={variable.Value}{NewLine}"));
            case "hostname":
                return hostname + NewLine;
            case "pwd":
                return WorkingDirectory + NewLine;
            case "exit":
                Exited = true;
                return string.Empty;
            case var unknown:
                return $"sh: {unknown}: not found{NewLine}";
        }
    }
}
