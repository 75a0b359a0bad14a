using System.Diagnostics.CodeAnalysis;

namespace Beamchain.Node.Shell;

/// <summary>
/// <c>--data-dir</c>: a folder this process can create and write a byte into, checked before
/// the node joins anything (a full disk shows here too). Whether another node holds it is the
/// store's own check when it opens.
/// </summary>
public static class DataDirectoryCheck
{
    public static bool TryCheck(string directory, [NotNullWhen(false)] out string? error)
    {
        var probe = Path.Combine(directory, $".write-check-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = $"--data-dir {directory} cannot be used: {e.Message}; give a folder this user can create and write";
            return false;
        }

        error = null;
        return true;
    }
}
