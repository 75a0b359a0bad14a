namespace Beamchain.Node.Chain;

/// <summary>
/// Heights found by a 32-bit key (part of a block hash, or of a request id's hash) in one
/// array of 8-byte slots with linear probing: about 16 bytes a block where a dictionary
/// of hashes costs over 60. Keys may collide, so a lookup offers each candidate height to a
/// check against the real value. Entries are never removed: after a reorganisation a stale
/// entry fails its check, and <see cref="Clear"/> starts over when many have gone stale.
/// </summary>
public sealed class HeightTable
{
    private const int MinSlots = 1024;

    private ulong[] _slots;
    private int _count;

    /// <summary>A table sized for <paramref name="expected"/> entries, so loading a long chain does not grow it step by step.</summary>
    public HeightTable(int expected = 0) => _slots = new ulong[SlotsFor(expected)];

    /// <summary>Entries added since the last <see cref="Clear"/>, stale ones included.</summary>
    public int Count => _count;

    public void Add(uint key, ulong height)
    {
        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        Insert(_slots, key, height);
        _count++;
    }

    /// <summary>The first height with <paramref name="key"/> that passes <paramref name="matches"/>.</summary>
    public bool TryFind(uint key, Func<ulong, bool> matches, out ulong height)
    {
        var mask = _slots.Length - 1;
        for (var i = Start(key, mask); _slots[i] != 0; i = (i + 1) & mask)
        {
            if ((uint)(_slots[i] >> 32) == key)
            {
                height = (_slots[i] & 0xffff_ffff) - 1;
                if (matches(height))
                {
                    return true;
                }
            }
        }

        height = 0;
        return false;
    }

    public void Clear()
    {
        _slots = new ulong[MinSlots];
        _count = 0;
    }

    // At most half full.
    private static int SlotsFor(int entries) => (int)Math.Max(MinSlots, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)entries * 2 + 2));

    private void Grow()
    {
        var bigger = new ulong[_slots.Length * 2];
        foreach (var slot in _slots)
        {
            if (slot != 0)
            {
                Insert(bigger, (uint)(slot >> 32), (slot & 0xffff_ffff) - 1);
            }
        }

        _slots = bigger;
    }

    private static void Insert(ulong[] slots, uint key, ulong height)
    {
        if (height >= uint.MaxValue)
        {
            throw new InvalidOperationException($"height {height} is beyond what this table indexes");
        }

        var mask = slots.Length - 1;
        var i = Start(key, mask);
        while (slots[i] != 0)
        {
            i = (i + 1) & mask;
        }

        // Height + 1, so that an empty slot is 0.
        slots[i] = ((ulong)key << 32) | (height + 1);
    }

    // Fibonacci hashing spreads keys that differ only in their low bits.
    private static int Start(uint key, int mask) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32) & mask;
}
