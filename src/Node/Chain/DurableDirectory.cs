using System.Runtime.InteropServices;

namespace Beamchain.Node.Chain;

/// <summary>
/// Makes a directory's entries durable. A rename is atomic on POSIX file systems, but it
/// only survives a power cut once the directory itself is fsynced; .NET has no API for
/// that (it refuses to open directories), so this calls libc directly.
/// </summary>
internal static class DurableDirectory
{
    private const int ReadOnly = 0;

    /// <summary>Puts a file holding <paramref name="bytes"/> at <paramref name="path"/> in one step: written beside it, fsynced, renamed over it, directory fsynced.</summary>
    public static void ReplaceFile(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = path + ".tmp";
        using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            output.Write(bytes);
            output.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        FlushEntries(Path.GetDirectoryName(path)!);
    }

    public static void FlushEntries(string directory)
    {
        // Windows: NTFS journals the rename itself; there is no directory handle to flush.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"cannot open {directory} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport rather than LibraryImport: the generated stubs would need unsafe code for three int calls.
    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
