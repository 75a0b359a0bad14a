namespace Beamchain.Node.Chain;

/// <summary>
/// The most recently read blocks, up to a budget of bytes (data and request id as stored,
/// plus a fixed allowance per block for the objects), least recently used dropped first.
/// Not thread-safe: its store guards it.
/// </summary>
public sealed class BlockCache(long capacityBytes)
{
    private const int OverheadPerBlock = 400;

    private readonly Dictionary<ulong, LinkedListNode<Block>> _byHeight = [];
    private readonly LinkedList<Block> _recent = [];
    private long _bytes;

    public long Bytes => _bytes;

    public bool TryGet(ulong height, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Block? block)
    {
        if (_byHeight.TryGetValue(height, out var node))
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
            block = node.Value;
            return true;
        }

        block = null;
        return false;
    }

    public void Add(Block block)
    {
        var size = Size(block);
        if (size > capacityBytes || _byHeight.ContainsKey(block.Height))
        {
            return;
        }

        _byHeight[block.Height] = _recent.AddFirst(block);
        _bytes += size;
        while (_bytes > capacityBytes && _recent.Last is { } oldest)
        {
            Remove(oldest);
        }
    }

    /// <summary>Forgets the blocks from <paramref name="height"/> up (they left the main chain).</summary>
    public void RemoveFrom(ulong height)
    {
        foreach (var node in _byHeight.Where(p => p.Key >= height).Select(p => p.Value).ToArray())
        {
            Remove(node);
        }
    }

    private void Remove(LinkedListNode<Block> node)
    {
        _recent.Remove(node);
        _byHeight.Remove(node.Value.Height);
        _bytes -= Size(node.Value);
    }

    // Its data as UTF-8 and, once shown, as UTF-16 text (counted as if it were), plus the request id's UTF-16.
    private static long Size(Block block) => OverheadPerBlock + 3L * block.DataUtf8.Length + 2L * block.RequestId.Length;
}
