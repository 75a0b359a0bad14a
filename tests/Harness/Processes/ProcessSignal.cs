using System.Diagnostics;
using System.Globalization;

namespace Beamchain.Harness.Processes;

/// <summary>Sends a Unix signal to a process with the system's kill command.</summary>
public static class ProcessSignal
{
    /// <summary>Sends <paramref name="signal"/> by name (STOP, CONT, TERM, INT) to process <paramref name="processId"/>.</summary>
    public static void Send(int processId, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, processId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {processId} failed with exit code {kill.ExitCode}");
        }
    }
}
