namespace Beamchain.Kernels.Search;

/// <summary>
/// Nonces <c>[Start, Start + Count)</c>; may cross 2^32. The last nonce, <c>Start + Count − 1</c>,
/// must not pass 2^64 − 1 (the range never wraps).
/// </summary>
public readonly record struct NonceRange(ulong Start, ulong Count)
{
    /// <summary>One past the last nonce; 0 when the range ends exactly at 2^64.</summary>
    public ulong End => Start + Count;

    public bool IsValid => Count == 0 || Start <= ulong.MaxValue - (Count - 1);

    /// <summary>Throws when the range wraps past 2^64 − 1: a caller bug, not a search outcome.</summary>
    public void EnsureValid()
    {
        if (!IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), $"nonce range [{Start}, {Start} + {Count}) wraps past 2^64");
        }
    }

    /// <summary>
    /// The range cut at multiples of 2^32, so that each piece shares one high nonce word (header
    /// bytes 88..91, message word 6): the searchers precompute per high word.
    /// </summary>
    public IEnumerable<NonceRange> SplitAtHighWords()
    {
        EnsureValid();
        var start = Start;
        var remaining = Count;
        while (remaining > 0)
        {
            var toBoundary = (1UL << 32) - (start & 0xffff_ffff);
            var count = Math.Min(remaining, toBoundary);
            yield return new NonceRange(start, count);
            start += count;
            remaining -= count;
        }
    }
}
