namespace Beamchain.Harness;

/// <summary>A fresh directory under the system temp folder (in <c>parent</c>), deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string parent = "beamchain-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), parent, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
