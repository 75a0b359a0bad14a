namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// Where the browser tests write their screenshots: artifacts/screenshots/ at the repository
/// root (git-ignored), so a person can look at what the pages show after a test run.
/// </summary>
public static class Screenshots
{
    public static string PathFor(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Beamchain.sln")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
