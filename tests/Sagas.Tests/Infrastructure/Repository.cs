namespace Sagas.Tests.Infrastructure;

/// <summary>The checkout the tests run from, for its scripts and projects.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sagas.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"No Sagas.sln above {AppContext.BaseDirectory}");
    }
}
