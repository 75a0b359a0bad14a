namespace Beamchain.Node.Membership.Consul;

/// <summary>The index rules of Consul's blocking queries, kept apart so they are tested on their own.</summary>
public static class BlockingIndex
{
    /// <summary>
    /// The index to send with the next query after an answer carrying <paramref name="received"/>.
    /// An index that went backwards (agent restarted, state restored) starts again from 0, which answers at once;
    /// 0 itself is never sent back after an answer, since a query with index 0 never blocks and would spin.
    /// </summary>
    public static ulong Next(ulong previous, ulong received)
    {
        if (received < previous)
        {
            return 0;
        }

        return Math.Max(received, 1);
    }
}
