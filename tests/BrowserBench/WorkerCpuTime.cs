using System.Globalization;

namespace Beamchain.BrowserBench;

/// <summary>
/// CPU time used by Chromium's dedicated worker threads (thread name "DedicatedWorker…"), read
/// from /proc. On a shared machine a wall-clock rate says as much about the other processes as
/// about the engine; hashes per CPU-second of the thread that hashed do not.
/// </summary>
public static class WorkerCpuTime
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Seconds of user + system time of every live dedicated worker thread, and how many there are.</summary>
    public static (double Seconds, int Threads) Sample()
    {
        double ticks = 0;
        var threads = 0;
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(process, "comm")).StartsWith("chromium", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var task in Directory.EnumerateDirectories(Path.Combine(process, "task")))
                {
                    if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith("DedicatedWorker", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    // Fields after the ")" that ends the name: state is field 3, utime 14, stime 15.
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
                    threads++;
                }
            }
            catch (IOException)
            {
                // The process or thread ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return (ticks / TicksPerSecond, threads);
    }
}
