namespace CooperationPlatform.AppHost.Hosting;

/// <summary>
/// Tells whether the services' build outputs are newer than every source they are built from, so that a warm start
/// skips <c>dotnet build</c> (which costs seconds even when there is nothing to do).
/// </summary>
public static class BuildOutputs
{
    private static readonly string[] SourcePatterns = ["*.cs", "*.csproj", "*.json", "*.props"];
    private static readonly string[] SharedFolders = ["ServiceDefaults", "services/Contracts"];
    private static readonly string[] SharedFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];

    public static bool AreCurrent(string repositoryRoot, string configuration, IEnumerable<ProjectResource> projects)
    {
        var projectFolders = projects.Select(p => p.ProjectPath).ToList();
        var oldestOutput = projectFolders
            .Select(folder => Path.Combine(repositoryRoot, folder, "bin", configuration, "net10.0"))
            .Select(output => System.IO.Directory.Exists(output)
                ? System.IO.Directory.EnumerateFiles(output, "*.dll").Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max()
                : DateTime.MinValue)
            .DefaultIfEmpty(DateTime.MinValue)
            .Min();
        var newestSource = projectFolders.Concat(SharedFolders)
            .Select(folder => Path.Combine(repositoryRoot, folder))
            .Where(System.IO.Directory.Exists)
            .SelectMany(folder => SourcePatterns.SelectMany(pattern => System.IO.Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Concat(SharedFiles.Select(file => Path.Combine(repositoryRoot, file)).Where(File.Exists))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MaxValue)
            .Max();
        return oldestOutput > newestSource;
    }
}
