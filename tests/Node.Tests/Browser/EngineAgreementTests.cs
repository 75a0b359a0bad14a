using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// Each browser engine, run in a Web Worker in real Chromium, finds exactly the nonces the
/// reference loop finds, for a fixed job, on an ordinary range and on one that ends exactly at
/// a 2^32 boundary (where the nonce's high word changes).
/// </summary>
public sealed class EngineAgreementTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    // About 2^-17 of hashes qualify: a few finds per range, well under SearchResult.MaxFound.
    private static readonly SearchJob Job = new(
        new BlockHeader(BlockHeader.CurrentVersion, 7, 1_760_000_000_123, BlockHeader.HashData("previous"), BlockHeader.HashData("browsers mine too"), 0x1f00ffff, 0),
        Hash256.Parse("00007FFF" + new string('F', 56)));

    public static TheoryData<string, ulong, ulong> Cases()
    {
        var data = new TheoryData<string, ulong, ulong>();
        foreach (var engine in new[] { "js", "wasm", "webgpu" })
        {
            // An ordinary range with an odd length (the SIMD engine's last vector is partial).
            data.Add(engine, (5UL << 32) + 1_000_003, 500_001);
            // A range ending exactly at a 2^32 boundary.
            data.Add(engine, (6UL << 32) - 500_003, 500_003);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Engine_finds_exactly_the_reference_nonces(string engine, ulong start, ulong count)
    {
        var range = new NonceRange(start, count);
        var expected = new ReferenceSearcher().Search(Job, range, CancellationToken.None);
        Assert.InRange(expected.Found.Count, 2, SearchResult.MaxFound - 1);

        var page = await chromium.OpenAsync("/miner", output.WriteLine);
        var run = await BrowserEngine.SearchAsync(page, engine, Job, range);
        await page.CloseAsync();
        output.WriteLine($"{run.Engine}: hashed {run.Hashed}, found {string.Join(", ", run.Nonces)}");

        Assert.Equal(count, run.Hashed);
        Assert.Equal(expected.Found, run.Nonces);
        for (var i = 0; i < run.Nonces.Count; i++)
        {
            Assert.Equal(Job.Template.WithNonce(run.Nonces[i]).Hash().ToHex(), run.Hashes[i], ignoreCase: true);
        }
    }
}
