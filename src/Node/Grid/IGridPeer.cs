namespace Beamchain.Node.Grid;

/// <summary>The gateway's way to one volunteer's socket: frames are queued, never awaited, so the pool never waits on a slow client.</summary>
public interface IGridPeer
{
    void Send(byte[] frame);

    /// <summary>Sends <paramref name="error"/> (answering <paramref name="idJson"/>, or id null) and closes the socket with its status.</summary>
    void Close(GridError error, string? idJson = null);

    /// <summary>Closes the socket with status 1001: the gateway is going away (the node stops).</summary>
    void GoAway();
}
