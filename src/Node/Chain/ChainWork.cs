using System.Numerics;

namespace Beamchain.Node.Chain;

/// <summary>
/// Cumulative work of a main chain without a big integer per block: the total, plus the
/// total at every <see cref="Stride"/>th block; the work up to any other height is the
/// nearest mark plus at most <see cref="Stride"/> blocks' work, each derived from its bits
/// (cached per distinct bits, since consecutive blocks mostly share a target).
/// </summary>
public sealed class ChainWork(Func<ulong, uint> bitsAt)
{
    public const int Stride = 1024;

    private readonly List<BigInteger> _marks = [BigInteger.Zero];
    private readonly Dictionary<uint, BigInteger> _workOfBits = [];

    // The work of the blocks before the current run of blocks with equal bits, and that run:
    // consecutive blocks mostly share a target, so counting one costs an increment, not a big-integer sum.
    private BigInteger _beforeRun;
    private uint _runBits;
    private ulong _runLength;

    /// <summary>Blocks counted, genesis included.</summary>
    public ulong Count { get; private set; }

    /// <summary>Work of every block counted.</summary>
    public BigInteger Total => _runLength == 0 ? _beforeRun : _beforeRun + Of(_runBits) * _runLength;

    public BigInteger Of(uint bits)
    {
        if (!_workOfBits.TryGetValue(bits, out var work))
        {
            _workOfBits[bits] = work = Block.WorkOf(bits);
        }

        return work;
    }

    /// <summary>Counts the next block, whose bits are <paramref name="bits"/>.</summary>
    public void Push(uint bits)
    {
        if (_runLength > 0 && bits != _runBits)
        {
            _beforeRun = Total;
            _runLength = 0;
        }

        _runBits = bits;
        _runLength++;
        Count++;
        if (Count % Stride == 0)
        {
            _marks.Add(Total);
        }
    }

    /// <summary>Work of blocks 0..<paramref name="height"/>.</summary>
    public BigInteger UpTo(ulong height)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(height, Count);
        var blocks = height + 1;
        var mark = blocks / Stride;
        var work = _marks[(int)mark];
        for (var h = mark * Stride; h < blocks; h++)
        {
            work += Of(bitsAt(h));
        }

        return work;
    }

    /// <summary>Keeps the first <paramref name="count"/> blocks (the chain was cut back to height <c>count - 1</c>).</summary>
    public void Truncate(ulong count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        ArgumentOutOfRangeException.ThrowIfZero(count);
        _beforeRun = UpTo(count - 1);
        _runLength = 0;
        Count = count;
        _marks.RemoveRange((int)(count / Stride) + 1, _marks.Count - (int)(count / Stride) - 1);
    }
}
