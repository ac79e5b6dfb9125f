namespace CooperationPlatform.Testing;

public static class TestDirectories
{
    /// <summary>A fresh folder under /tmp for one fixture's servers; removed by <see cref="Delete"/>.</summary>
    public static string Create(string purpose) =>
        System.IO.Directory.CreateTempSubdirectory($"cooperation-{purpose}-").FullName;

    public static void Delete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be releasing a file; /tmp is cleaned anyway.
        }
    }
}
