using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using Beamchain.Kernels.Cpu;
using Beamchain.Kernels.Hashing;
using Beamchain.Kernels.Header;

namespace Beamchain.Kernels.Tests;

public class Sha256BatchTests
{
    // Every length from 0 to 300 bytes (one to six padded blocks, each boundary of the padding), shuffled.
    private static (byte[] Source, int[] Starts, int[] Lengths) Messages()
    {
        var random = new Random(256);
        var lengths = Enumerable.Range(0, 301).OrderBy(_ => random.Next()).ToArray();
        var source = new byte[lengths.Sum() + 7];
        random.NextBytes(source);
        var starts = new int[lengths.Length];
        for (int i = 0, at = 7; i < lengths.Length; at += lengths[i], i++)
        {
            starts[i] = at;
        }

        return (source, starts, lengths);
    }

    private static Hash256 Expected(byte[] source, int start, int length) => Hash256.FromBytes(SHA256.HashData(source.AsSpan(start, length)));

    public static TheoryData<string> InstructionSets()
    {
        var sets = new TheoryData<string>();
        foreach (var set in CpuSearcher.SupportedInstructionSets.Where(s => s is CpuInstructionSet.Scalar or CpuInstructionSet.Avx2 or CpuInstructionSet.Avx512))
        {
            sets.Add(set.ToString());
        }

        return sets;
    }

    [Fact]
    public void Every_digest_equals_SHA256_of_its_message_whatever_its_length()
    {
        var (source, starts, lengths) = Messages();
        var digests = new Hash256[starts.Length];

        Sha256Batch.Hash(source, starts, lengths, digests);

        for (var i = 0; i < starts.Length; i++)
        {
            Assert.Equal(Expected(source, starts[i], lengths[i]), digests[i]);
        }
    }

    [Fact]
    public void Pieces_of_one_size_back_to_back_hash_like_one_call_each()
    {
        var headers = new byte[37 * 96];
        new Random(96).NextBytes(headers);
        var digests = new Hash256[37];

        Sha256Batch.HashEach(headers, 96, digests);

        Assert.Equal(Enumerable.Range(0, 37).Select(i => Expected(headers, i * 96, 96)), digests);
    }

    [Theory]
    [MemberData(nameof(InstructionSets))]
    public void Each_lane_width_gives_the_same_digests_as_SHA256(string instructionSet)
    {
        var (source, starts, lengths) = Messages();
        var digests = new Hash256[starts.Length];
        var width = Enum.Parse<CpuInstructionSet>(instructionSet) switch
        {
            CpuInstructionSet.Avx512 => Avx512Lanes.Width,
            CpuInstructionSet.Avx2 => Avx2Lanes.Width,
            _ => ScalarLanes.Width,
        };

        // Messages of one padded length, a lane group at a time (the last group part-filled).
        foreach (var sameBlocks in Enumerable.Range(0, starts.Length).GroupBy(i => (lengths[i] + 9 + 63) / 64))
        {
            foreach (var group in sameBlocks.Chunk(width))
            {
                switch (Enum.Parse<CpuInstructionSet>(instructionSet))
                {
                    case CpuInstructionSet.Avx512:
                        LaneDigests<Avx512Lanes, Vector512<uint>>.Hash(source, starts, lengths, group, sameBlocks.Key, digests);
                        break;
                    case CpuInstructionSet.Avx2:
                        LaneDigests<Avx2Lanes, Vector256<uint>>.Hash(source, starts, lengths, group, sameBlocks.Key, digests);
                        break;
                    default:
                        LaneDigests<ScalarLanes, uint>.Hash(source, starts, lengths, group, sameBlocks.Key, digests);
                        break;
                }
            }
        }

        for (var i = 0; i < starts.Length; i++)
        {
            Assert.Equal(Expected(source, starts[i], lengths[i]), digests[i]);
        }
    }
}
