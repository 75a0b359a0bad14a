namespace Beamchain.Node.Status;

/// <summary>Where this node stores its chain, and whether a write there has failed (the node is then leaving; see <c>StoreFailure</c>).</summary>
public sealed record StoreReport(string Directory, bool Failed);
