using System.Globalization;
using System.Text.Json;

namespace Beamchain.Node.Bench;

/// <summary>
/// A bench run's figures: each device's rate and their sum (the devices hash at the same time).
/// <paramref name="CpuSeconds"/> is the processor time this process used while measuring: well
/// below cores × seconds means other work shared the CPU, and the CPU figure is low by as much.
/// </summary>
public sealed record BenchReport(double Seconds, IReadOnlyList<DeviceRate> Devices, double CpuSeconds)
{
    public double HashesPerSecond => Devices.Sum(d => d.HashesPerSecond);

    public IEnumerable<string> TextLines()
    {
        foreach (var device in Devices)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{device.Id,-9} {device.Name} [{device.Searcher}]: {Rate(device.HashesPerSecond)} ({device.Hashes} hashes in {device.Seconds:F2} s)");
        }

        yield return string.Create(CultureInfo.InvariantCulture,
            $"total: {Rate(HashesPerSecond)} (this process used {CpuSeconds:F1} CPU-seconds of {Environment.ProcessorCount * Seconds:F1} available)");
    }

    /// <summary>One line: <c>{"seconds":…,"hashesPerSecond":…,"devices":[{"id":…,"hashesPerSecond":…},…]}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new
        {
            seconds = Seconds,
            hashesPerSecond = HashesPerSecond,
            cpuSeconds = CpuSeconds,
            devices = Devices.Select(d => new
            {
                id = d.Id,
                kind = d.Kind,
                name = d.Name,
                searcher = d.Searcher,
                hashes = d.Hashes,
                seconds = d.Seconds,
                hashesPerSecond = d.HashesPerSecond,
            }),
        });

    private static string Rate(double hashesPerSecond) => hashesPerSecond >= 1e9
        ? string.Create(CultureInfo.InvariantCulture, $"{hashesPerSecond / 1e9:F2} GH/s")
        : string.Create(CultureInfo.InvariantCulture, $"{hashesPerSecond / 1e6:F1} MH/s");
}
