namespace Beamchain.Node.Bench;

/// <summary>What one device hashed during a bench run.</summary>
public sealed record DeviceRate(string Id, string Kind, string Name, string Searcher, ulong Hashes, double Seconds)
{
    public double HashesPerSecond => Seconds > 0 ? Hashes / Seconds : 0;
}
