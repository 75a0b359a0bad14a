using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;
using Beamchain.Node.Devices;

namespace Beamchain.Node.Bench;

/// <summary>
/// <c>beamchain bench</c>: measures the hash rate of the chosen devices (see <see cref="BenchOptions"/>).
/// Exit code 0, or 2 for hardware that is not present (a bad command line never gets here: see <see cref="BenchCommandLine"/>).
/// </summary>
public static class BenchCommand
{
    public static int Run(BenchOptions options, TextWriter output, TextWriter error, Func<DeviceCatalog> discover)
    {
        if (!DeviceSelection.TryChoose(options.Device, discover(), out var devices, out var problem) || devices.Count == 0)
        {
            error.WriteLine($"beamchain bench: {(devices.Count == 0 && problem.Length == 0 ? "--device none leaves nothing to measure; give cpu, cuda or opencl" : problem)}");
            return DeviceSelection.UsageExitCode;
        }

        var opened = new List<(DeviceInfo Device, INonceSearcher Searcher)>();
        try
        {
            foreach (var device in devices)
            {
                opened.Add((device, DeviceCatalog.Open(device, options.CpuOptions)));
            }

            output.WriteLine($"bench: {options.Duration.TotalSeconds:G} s on {string.Join(", ", devices.Select(d => d.Id))}, all at once");
            var report = BenchRun.Measure(opened, options.Duration);
            foreach (var line in report.TextLines())
            {
                output.WriteLine(line);
            }

            if (options.Json)
            {
                output.WriteLine(report.ToJson());
            }

            return 0;
        }
        finally
        {
            foreach (var (_, searcher) in opened)
            {
                searcher.Dispose();
            }
        }
    }
}
