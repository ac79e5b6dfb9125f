namespace CooperationPlatform.AppHost.Hosting;

/// <summary>
/// Where the AppHost speaks: resource log lines with a coloured prefix, and its own reports.
/// Tests read <see cref="Reports"/> instead of the terminal.
/// </summary>
public sealed class HostConsole(bool streamResourceLogs)
{
    private static readonly ConsoleColor[] Palette =
        [ConsoleColor.Cyan, ConsoleColor.Magenta, ConsoleColor.Yellow, ConsoleColor.Green, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkYellow, ConsoleColor.DarkMagenta];

    private readonly Dictionary<string, ConsoleColor> _colors = [];
    private readonly List<string> _reports = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<string> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    public event Action<string>? Reported;

    public void ResourceLine(string resource, string line)
    {
        if (!streamResourceLogs)
        {
            return;
        }
        lock (_gate)
        {
            if (!_colors.TryGetValue(resource, out var color))
            {
                color = _colors[resource] = Palette[_colors.Count % Palette.Length];
            }
            Console.ForegroundColor = color;
            Console.Write($"{resource,-14}| ");
            Console.ResetColor();
            Console.WriteLine(line);
        }
    }

    public void Report(string message, ConsoleColor color = ConsoleColor.White)
    {
        lock (_gate)
        {
            _reports.Add(message);
            if (streamResourceLogs)
            {
                Console.ForegroundColor = color;
                Console.WriteLine(message);
                Console.ResetColor();
            }
        }
        Reported?.Invoke(message);
    }
}
