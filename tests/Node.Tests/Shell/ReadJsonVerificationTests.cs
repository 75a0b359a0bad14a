using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beamchain.Node.Chain;
using Beamchain.Node.Tests.Chain;

namespace Beamchain.Node.Tests.Shell;

/// <summary>
/// Recomputes every hash printed by <c>read --json</c> with nothing but SHA-256 and the
/// README's header table (96 bytes, integers big-endian), independently of the node's code.
/// </summary>
public sealed class ReadJsonVerificationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Every_hash_recomputes_from_the_printed_fields()
    {
        var first = TestMiner.Child(Genesis.Block, "plain text");
        var second = TestMiner.Child(first, "unicode: héllo, 世界, 😀; \"quotes\", \\backslash\\\nand a second line", TestMiner.BitsHarderThanMinimum(2));
        var third = TestMiner.Child(second, "");
        ShellRun.Seed(_dir.Path, [first, second, third]);

        var run = await ShellRun.RunAsync("read --json\n", "--data-dir", _dir.Path).WaitAsync(TimeSpan.FromSeconds(30));

        var blocks = JsonDocument.Parse(run.Output).RootElement.GetProperty("blocks").EnumerateArray().ToArray();
        Assert.Equal(4, blocks.Length);
        var previous = new string('0', 64);
        foreach (var block in blocks)
        {
            var data = block.GetProperty("data").GetString()!;
            Assert.Equal(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(data))), block.GetProperty("dataHash").GetString());
            Assert.Equal(previous, block.GetProperty("previousHash").GetString());

            var hash = Hex(SHA256.HashData(HeaderBytes(block)));
            Assert.Equal(hash, block.GetProperty("hash").GetString());
            Assert.True(Number(hash) <= TargetFromBits(block.GetProperty("bits").GetUInt32()), $"block {block.GetProperty("height")} misses its target");
            previous = hash;
        }

        Assert.Equal(second.Data, blocks[2].GetProperty("data").GetString());
        Assert.Equal(third.Hash.ToHex(), previous);
    }

    /// <summary>The README's table: version 4 | height 8 | timestamp 8 | previous hash 32 | data hash 32 | bits 4 | nonce 8.</summary>
    private static byte[] HeaderBytes(JsonElement block)
    {
        var bytes = new List<byte>(96);
        bytes.AddRange(BigEndian(block.GetProperty("version").GetUInt32(), 4));
        bytes.AddRange(BigEndian(block.GetProperty("height").GetUInt64(), 8));
        bytes.AddRange(BigEndian((ulong)block.GetProperty("timestamp").GetInt64(), 8));
        bytes.AddRange(Convert.FromHexString(block.GetProperty("previousHash").GetString()!));
        bytes.AddRange(Convert.FromHexString(block.GetProperty("dataHash").GetString()!));
        bytes.AddRange(BigEndian(block.GetProperty("bits").GetUInt32(), 4));
        bytes.AddRange(BigEndian(block.GetProperty("nonce").GetUInt64(), 8));
        Assert.Equal(96, bytes.Count);
        return bytes.ToArray();
    }

    private static IEnumerable<byte> BigEndian(ulong value, int size) =>
        Enumerable.Range(0, size).Select(i => (byte)(value >> (8 * (size - 1 - i))));

    /// <summary>Bitcoin's compact form: mantissa (low 3 bytes) × 256^(exponent − 3).</summary>
    private static BigInteger TargetFromBits(uint bits)
    {
        var exponent = (int)(bits >> 24);
        var mantissa = new BigInteger(bits & 0x7fffff);
        return exponent >= 3 ? mantissa << (8 * (exponent - 3)) : mantissa >> (8 * (3 - exponent));
    }

    private static BigInteger Number(string hex) => BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber);

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
