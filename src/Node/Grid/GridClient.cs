using System.Net;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Grid;

/// <summary>One volunteer's session as the pool keeps it; every member is touched under the pool's lock only.</summary>
public sealed class GridClient(string session, IPAddress address, string clientId, IGridPeer peer, Vardiff vardiff, VerifiedRate rate)
{
    public string Session { get; } = session;

    public IPAddress Address { get; } = address;

    /// <summary>The address as public pages show it (<see cref="ClientIds"/>).</summary>
    public string ClientId { get; } = clientId;

    public IGridPeer Peer { get; } = peer;

    public Vardiff Vardiff { get; } = vardiff;

    public VerifiedRate Rate { get; } = rate;

    public string Engine { get; set; } = "";

    public bool Greeted { get; set; }

    /// <summary>When hello was answered (a timestamp of the pool's clock).</summary>
    public long GreetedAt { get; set; }

    public bool Gone { get; set; }

    public Dictionary<long, GridWork> Works { get; } = [];

    public long NextWorkId { get; set; } = 1;

    public int Outstanding => Works.Values.Count(w => !w.Settled);

    public ulong Accepted { get; set; }

    public ulong Blocks { get; set; }

    /// <summary>Finished works so far: the longer a volunteer is trusted, the less it is audited.</summary>
    public int FinishedWorks { get; set; }

    public int Audited { get; set; }

    public Dictionary<GridErrorCode, ulong> Rejected { get; } = [];

    public Queue<long> RecentInvalid { get; } = new();

    /// <summary>The share target of the last <c>job</c> or <c>target</c> sent, so a change is sent once.</summary>
    public Hash256 AnnouncedTarget { get; set; }
}
