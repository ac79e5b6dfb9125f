namespace CooperationPlatform.Bench;

public sealed record BenchOptions(string Scenario, TimeSpan Duration, string Configuration)
{
    public static BenchOptions? Parse(string[] args, IEnumerable<string> scenarios)
    {
        if (args.Length == 0 || !(args[0] == "all" || scenarios.Contains(args[0])))
        {
            return null;
        }
        var duration = TimeSpan.FromSeconds(10);
        for (var i = 1; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--duration": duration = TimeSpan.FromSeconds(double.Parse(args[++i])); break;
            }
        }
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        return new BenchOptions(args[0], duration, configuration);
    }
}
