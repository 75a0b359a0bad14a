using Beamchain.Node.Chain;

namespace Beamchain.Node.Shell;

/// <summary>A node's command-line settings, parsed in one place by <see cref="NodeOptionsParser"/>.</summary>
public sealed record NodeOptions
{
    /// <summary>Names the node in its output and picks its default data directory.</summary>
    public string NodeName { get; init; } = "node";

    /// <summary>Where the node keeps its blocks; null means <see cref="ChainStore.DefaultDirectory"/> for <see cref="NodeName"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Skip re-checking stored blocks' proof of work at start (links are always checked).</summary>
    public bool TrustStore { get; init; }

    /// <summary>How long the cluster should take to find a block; difficulty follows the measured hash rate.</summary>
    public TimeSpan BlockTime { get; init; } = DifficultyPolicy.DefaultBlockTime;

    /// <summary>Print the options and exit.</summary>
    public bool ShowHelp { get; init; }

    public string ResolveDataDirectory() => DataDirectory ?? ChainStore.DefaultDirectory(NodeName);
}
