using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// The fixed first block, mined once (nonce search from 0 at the network minimum target)
/// and kept as constants; a test re-verifies its hash and work. Every chain starts here,
/// so it is never stored or validated against a parent.
/// </summary>
public static class Genesis
{
    public const string Data = "Beamchain genesis: every node mines each block together";

    /// <summary>2025-01-01T00:00:00Z in unix milliseconds.</summary>
    public const long TimestampMs = 1_735_689_600_000;

    /// <summary>The network minimum: target 0x0000ffff00…, 16.0 leading zero bits.</summary>
    public const uint Bits = 0x1f00ffff;

    public const ulong Nonce = 9675;

    public const string HashHex = "000044E0B874829DC284B031B0E885AD9FD679B43CF2C41B547B332DF347AD96";

    public static BlockHeader Header { get; } = new(
        BlockHeader.CurrentVersion,
        Height: 0,
        TimestampMs,
        PreviousHash: Hash256.Zero,
        BlockHeader.HashData(Data),
        Bits,
        Nonce);

    public static Block Block { get; } = Block.Create(Header, Data);

    public static Hash256 Hash { get; } = Hash256.Parse(HashHex);
}
