using Beamchain.Kernels.Hashing;
using Beamchain.Kernels.Header;

namespace Beamchain.Kernels.Search;

/// <summary>
/// Everything about a job's hash that no nonce changes, computed once per job. The 96-byte
/// header is two SHA-256 blocks: the first (bytes 0..63) never changes, so its compression is
/// done once (the midstate). In the second block, words 0..5 (bytes 64..87) are fixed, words 6
/// and 7 are the nonce's high and low halves and words 8..15 are padding, so rounds 0..5 and the
/// message-schedule words W16..W20 are fixed too. <see cref="ForHighWord"/> adds what is fixed
/// once the nonce's high word is known.
/// </summary>
public sealed class JobMidstate
{
    /// <summary>Message word 8 of the second block: the padding's leading 1 bit.</summary>
    public const uint PaddingWord = 0x8000_0000;

    /// <summary>Message word 15 of the second block: the message length, 96 bytes, in bits.</summary>
    public const uint LengthWord = BlockHeader.Size * 8;

    private readonly uint[] _midstate = new uint[8];
    private readonly uint[] _blockWords = new uint[16];
    private readonly uint[] _round5State = new uint[8];
    private readonly uint[] _targetWords = new uint[8];

    public JobMidstate(SearchJob job)
    {
        Job = job;
        Span<byte> header = stackalloc byte[BlockHeader.Size];
        job.Template.WithNonce(0).WriteTo(header);

        Span<uint> block = stackalloc uint[16];
        Sha256.InitialState.CopyTo(_midstate);
        Sha256.ReadBlock(header[..Sha256.BlockBytes], block);
        Sha256.Compress(_midstate, block);

        // Second block: bytes 64..95 are words 0..7 (the nonce, zero here, is words 6 and 7).
        Span<byte> second = stackalloc byte[Sha256.BlockBytes];
        second.Clear();
        header[Sha256.BlockBytes..].CopyTo(second);
        Sha256.ReadBlock(second, _blockWords);
        _blockWords[8] = PaddingWord;
        _blockWords[15] = LengthWord;

        Span<uint> schedule = stackalloc uint[64];
        Sha256.ExpandSchedule(_blockWords, schedule);
        _midstate.CopyTo(_round5State, 0);
        Sha256.Rounds(_round5State, schedule, 0, 5);

        for (var i = 0; i < 8; i++)
        {
            _targetWords[i] = job.Target.Word(i);
        }
    }

    public SearchJob Job { get; }

    /// <summary>The SHA-256 state after the first 64 header bytes.</summary>
    public ReadOnlySpan<uint> Midstate => _midstate;

    /// <summary>The second block's 16 message words with the nonce words (6 and 7) zero.</summary>
    public ReadOnlySpan<uint> BlockWords => _blockWords;

    /// <summary>Working variables a..h after rounds 0..5 of the second block, which no nonce affects.</summary>
    public ReadOnlySpan<uint> Round5State => _round5State;

    /// <summary>The target as eight big-endian words, most significant first.</summary>
    public ReadOnlySpan<uint> TargetWords => _targetWords;

    /// <summary>The constant work for all nonces whose high word is <paramref name="high"/>.</summary>
    public SecondBlockPlan ForHighWord(uint high) => new(this, high);

    /// <summary>The header's hash for <paramref name="nonce"/> through the midstate: one compression.</summary>
    public Hash256 HashOf(ulong nonce)
    {
        Span<uint> state = stackalloc uint[8];
        HashWordsOf(nonce, state);
        Span<byte> digest = stackalloc byte[Hash256.Size];
        for (var i = 0; i < 8; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest[(4 * i)..], state[i]);
        }

        return Hash256.FromBytes(digest);
    }

    /// <summary>True when <paramref name="nonce"/>'s hash is at most the target.</summary>
    public bool Qualifies(ulong nonce)
    {
        Span<uint> state = stackalloc uint[8];
        HashWordsOf(nonce, state);
        for (var i = 0; i < 8; i++)
        {
            if (state[i] != _targetWords[i])
            {
                return state[i] < _targetWords[i];
            }
        }

        return true;
    }

    private void HashWordsOf(ulong nonce, Span<uint> state)
    {
        Span<uint> block = stackalloc uint[16];
        _blockWords.CopyTo(block);
        block[6] = (uint)(nonce >> 32);
        block[7] = (uint)nonce;
        _midstate.CopyTo(state);
        Sha256.Compress(state, block);
    }
}
