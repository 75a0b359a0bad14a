namespace Beamchain.Harness.Faults;

/// <summary>What <c>beamchain-bench faults</c> does to the cluster in a round (<c>--faults</c>).</summary>
public enum FaultKind
{
    /// <summary>SIGKILL a node, then start it again with its data directory.</summary>
    Kill,

    /// <summary>SIGSTOP a node for longer than the member timeout, then SIGCONT.</summary>
    Pause,

    /// <summary>Cut one node's network link, then restore it.</summary>
    Partition,

    /// <summary>Stop the Consul agent (the HTTP API double), then start it again with an empty catalog.</summary>
    Consul,

    /// <summary>Step a node's system clock back ten minutes, then ahead to the right time again (libfaketime).</summary>
    Clock,

    /// <summary>Cut two nodes off from each other only (each still reaches the rest: a partial partition), then mend it.</summary>
    Bridge,
}
