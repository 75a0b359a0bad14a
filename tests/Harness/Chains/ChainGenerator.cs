using System.Text;
using Beamchain.Kernels.Cpu;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;
using Beamchain.Node.Chain;

namespace Beamchain.Harness.Chains;

/// <summary>
/// Mines valid chains for benchmarks and tests with the node's own CPU searcher: every block
/// at its parent's target (the 16-bit minimum from genesis), one second after its parent,
/// carrying <c>dataBytes</c> of text and a request id, so the chain is what a real cluster
/// would have stored. The same parent, count and <c>salt</c> always give the same blocks.
/// </summary>
/// <para>Unmined (<c>mine: false</c>), blocks keep nonce 0: their links are valid but their
/// proof of work is not, so such a chain only opens with <c>--trust-store</c>. It measures
/// the store at sizes mining cannot reach in the time there is, never sync or validation.</para>
public sealed class ChainGenerator(int threads = 1, bool mine = true) : IDisposable
{
    private readonly CpuSearcher _searcher = new(CpuSearchOptions.Default.WithThreads(threads));

    /// <summary>The <paramref name="count"/> blocks after <paramref name="parent"/>, mined one by one.</summary>
    public IEnumerable<Block> Generate(Block parent, int count, int dataBytes, string salt = "")
    {
        for (var i = 0; i < count; i++)
        {
            parent = Child(parent, DataFor(parent.Height + 1, dataBytes, salt), $"{salt}g{parent.Height + 1:x}");
            yield return parent;
        }
    }

    /// <summary>A child of <paramref name="parent"/> at the parent's bits.</summary>
    public Block Child(Block parent, string data, string requestId)
    {
        var template = new BlockHeader(BlockHeader.CurrentVersion, parent.Height + 1, parent.TimestampMs + 1000, parent.Hash, BlockHeader.HashData(data), parent.Header.Bits, Nonce: 0);
        if (!mine)
        {
            return Block.Create(template, data, requestId);
        }

        var job = new SearchJob(template, CompactTarget.Decode(template.Bits));
        for (ulong start = 0; ; start += SearchStep)
        {
            var result = _searcher.Search(job, new NonceRange(start, SearchStep), CancellationToken.None);
            if (result.Found.Count > 0)
            {
                return Block.Create(template with { Nonce = result.Found[0] }, data, requestId);
            }
        }
    }

    public void Dispose() => _searcher.Dispose();

    // A quarter of a block's expected hashes at the minimum: a search hashes its whole range, so a small step wastes little past the first find.
    private const ulong SearchStep = 1 << 14;

    private static string DataFor(ulong height, int dataBytes, string salt)
    {
        var text = new StringBuilder($"{salt}block {height} ");
        while (text.Length < dataBytes)
        {
            text.Append((char)('a' + (int)((height + (ulong)text.Length) % 26)));
        }

        return text.ToString();
    }
}
