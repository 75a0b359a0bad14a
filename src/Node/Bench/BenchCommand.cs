using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;
using Beamchain.Node.Devices;

namespace Beamchain.Node.Bench;

/// <summary>
/// <c>beamchain bench</c>: measures the hash rate of the chosen devices (see <see cref="BenchOptions"/>).
/// Exit code 0, or 2 for a bad command line or hardware that is not present.
/// </summary>
public static class BenchCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, output, error, DeviceCatalog.Discover);

    public static int Run(string[] args, TextWriter output, TextWriter error, Func<DeviceCatalog> discover)
    {
        if (args is ["--help"] or ["-h"])
        {
            output.Write(BenchOptions.Usage);
            return 0;
        }

        if (!BenchOptions.TryParse(args, out var options, out var problem))
        {
            error.WriteLine(problem);
            error.Write(BenchOptions.Usage);
            return DeviceSelection.UsageExitCode;
        }

        if (!DeviceSelection.TryChoose(options.Device, discover(), out var devices, out problem) || devices.Count == 0)
        {
            error.WriteLine($"bench: {(devices.Count == 0 && problem.Length == 0 ? "--device none leaves nothing to measure; give cpu, cuda or opencl" : problem)}");
            return DeviceSelection.UsageExitCode;
        }

        var opened = new List<(DeviceInfo Device, INonceSearcher Searcher)>();
        try
        {
            foreach (var device in devices)
            {
                opened.Add((device, DeviceCatalog.Open(device, options.CpuOptions)));
            }

            output.WriteLine($"bench: {options.Seconds:G} s on {string.Join(", ", devices.Select(d => d.Id))}, all at once");
            var report = BenchRun.Measure(opened, TimeSpan.FromSeconds(options.Seconds));
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
