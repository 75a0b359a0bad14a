namespace Beamchain.Harness.Processes;

/// <summary>
/// libfaketime (Debian's <c>faketime</c> package, which <c>.ci/run</c> installs) preloaded into a
/// node process, reading its clock's offset from <see cref="File"/> at most a second old, so a
/// test can step that node's wall clock while it runs, as NTP or <c>date -s</c> do. Monotonic
/// time is left alone, as a real step leaves it.
/// </summary>
public sealed class FaketimeClock
{
    /// <summary>libfaketime's multi-threaded library, or null when it is not installed.</summary>
    public static string? Library { get; } = Directory.Exists("/usr/lib")
        ? Directory.GetDirectories("/usr/lib") // Debian keeps it under the architecture's folder
            .Select(folder => Path.Combine(folder, "faketime", "libfaketimeMT.so.1"))
            .FirstOrDefault(System.IO.File.Exists)
        : null;

    /// <summary>A clock at the right time, until <see cref="Step"/>; its offset is kept in <paramref name="file"/>.</summary>
    public FaketimeClock(string file)
    {
        if (Library is null)
        {
            throw new InvalidOperationException("libfaketime is not installed (Debian: apt-get install faketime)");
        }

        File = file;
        Step("+0");
    }

    public string File { get; }

    /// <summary>What to start the node through (before the dotnet host).</summary>
    public IReadOnlyList<string> Launcher =>
        ["env", $"LD_PRELOAD={Library}", $"FAKETIME_TIMESTAMP_FILE={File}", "FAKETIME_CACHE_DURATION=1", "FAKETIME_DONT_FAKE_MONOTONIC=1"];

    /// <summary>Sets the clock's offset from the true time, in libfaketime's words: <c>-10m</c>, <c>+1h</c>, <c>+0</c>.</summary>
    public void Step(string offset) => System.IO.File.WriteAllText(File, offset + "\n");
}
