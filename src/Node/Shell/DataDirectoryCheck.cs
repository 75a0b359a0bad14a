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
        string? why = null;
        try
        {
            if (File.Exists(directory))
            {
                why = "it is a file, not a folder";
            }
            else
            {
                Directory.CreateDirectory(directory);
                File.WriteAllBytes(probe, [1]);
                File.Delete(probe);
            }
        }
        catch (UnauthorizedAccessException)
        {
            why = "this user may not create or write it";
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ArgumentException)
        {
            // Say which step failed for the folder: .NET's message alone may name a file.
            why = Directory.Exists(directory) ? $"writing into it failed ({Reason(e)})" : $"it cannot be created ({Reason(e)})";
        }

        if (why is not null)
        {
            error = $"--data-dir {directory} cannot be used: {why}; give a folder this user can create and write";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The system's word for the failure, without the full stop that would end the line early.</summary>
    private static string Reason(Exception e) => e.Message.TrimEnd('.');
}
