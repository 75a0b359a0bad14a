using Beamchain.Harness.Chains;
using Beamchain.Node.Chain;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Chain;

/// <summary>The store on a chain of a few thousand generated blocks: starts that read no records, crashes at every step, reorganisations by depth.</summary>
public sealed class LongChainStoreTests(GeneratedChain generated) : IClassFixture<GeneratedChain>, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly StringWriter _log = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_cleanly_closed_store_reopens_without_reading_a_record()
    {
        using (var store = Open(_dir.Path))
        {
            store.Append(generated.Blocks);
        }

        using var reopened = Open(_dir.Path);

        Assert.Equal(0, reopened.CheckedAtOpen);
        Assert.Equal((ulong)GeneratedChain.Length, reopened.Height);
        Assert.Equal(generated.Blocks[1233].Data, reopened.Read(1234).Data);
        Assert.Equal(generated.Blocks[^1].Hash, new ChainState(reopened, ChainRules.Default, new FakeTimeProvider(TestMiner.Now)).Tip.Hash);
    }

    [Fact]
    public void After_a_crash_only_the_blocks_past_the_checkpoint_are_checked_again()
    {
        using (var store = Open(_dir.Path))
        {
            store.Append(generated.Blocks.Take(1000).ToArray());
        }

        using var crashed = new TempDirectory();
        using (var store = Open(_dir.Path))
        {
            store.Append(generated.Blocks.Skip(1000).ToArray());
            CopyFiles(_dir.Path, crashed.Path); // the disk as a crash now would leave it: no closing checkpoint
        }

        using var recovered = Open(crashed.Path);

        Assert.Equal(GeneratedChain.Length - 1000, recovered.CheckedAtOpen);
        Assert.Equal((ulong)GeneratedChain.Length, recovered.Height);
        Assert.Null(recovered.Damage);
    }

    [Fact]
    public void A_crash_at_any_step_of_an_append_keeps_every_acknowledged_block()
    {
        var snapshots = new List<(StoreStep Step, TempDirectory Files, int Acknowledged)>();
        var acknowledged = 0;
        using (var store = Open(_dir.Path, step => snapshots.Add((step, Snapshot(_dir.Path), acknowledged))))
        {
            foreach (var batch in generated.Blocks.Take(300).Chunk(100))
            {
                store.Append(batch);
                acknowledged += batch.Length;
            }
        }

        Assert.Contains(snapshots, s => s.Step == StoreStep.RecordsWritten);
        foreach (var (step, files, before) in snapshots)
        {
            using (files)
            using (var store = Open(files.Path))
            {
                Assert.True(store.Height >= (ulong)before, $"a crash after {step} lost acknowledged blocks: {store.Height} < {before}");
                Assert.Null(store.Damage);
                Assert.Equal(generated.Blocks[(int)store.Height - 1].Hash, store.Hash(store.Height));
            }
        }
    }

    [Fact]
    public void A_crash_at_any_step_of_a_reorganisation_leaves_the_old_chain_or_the_new_one()
    {
        var snapshots = new List<(StoreStep Step, TempDirectory Files)>();
        var recording = false;
        using (var store = Open(_dir.Path, step =>
               {
                   if (recording)
                   {
                       snapshots.Add((step, Snapshot(_dir.Path)));
                   }
               }))
        {
            store.Append(generated.Blocks);
            var chain = new ChainState(store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
            recording = true;
            Assert.Equal(ChainUpdateOutcome.Reorganized, chain.TryAdopt(generated.Branch).Outcome);
        }

        Assert.Contains(snapshots, s => s.Step == StoreStep.BlockFileCut);
        foreach (var (step, files) in snapshots)
        {
            using (files)
            using (var store = Open(files.Path))
            {
                var tip = store.Hash(store.Height);
                Assert.True(tip == generated.Blocks[^1].Hash || tip == generated.Branch[^1].Hash, $"a crash after {step} left tip {store.Height} {tip}");
                Assert.Null(store.Damage);
                var chain = new ChainState(store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
                Assert.Equal(store.Height, chain.Height);
            }
        }
    }

    [Fact]
    public void A_deep_reorganisation_rewrites_only_the_blocks_that_changed()
    {
        var written = new List<StoreStep>();
        byte[] before;
        using (var store = Open(_dir.Path))
        {
            store.Append(generated.Blocks);
            before = File.ReadAllBytes(Path.Combine(_dir.Path, ChainStore.FileName));
            var chain = new ChainState(store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
            Assert.Equal(ChainUpdateOutcome.Reorganized, chain.TryAdopt(generated.Branch).Outcome);
            Assert.Equal(generated.Branch[^1].Hash, chain.Tip.Hash);
        }

        var after = File.ReadAllBytes(Path.Combine(_dir.Path, ChainStore.FileName));
        var kept = before.Length - generated.Blocks.Skip(GeneratedChain.Length - GeneratedChain.BranchDepth).Sum(b => BlockRecord.Encode(b).Length);

        // Everything before the fork is byte for byte where it was; only the branch's records follow.
        Assert.True(FirstDifference(before, after) >= kept);
        Assert.Equal(kept + generated.Branch.Sum(b => BlockRecord.Encode(b).Length), after.Length);
        Assert.Equal(generated.Branch.Select(BlockRecord.Encode).SelectMany(r => r), after.Skip(kept));
        using var blockFile = new FileStream(Path.Combine(_dir.Path, ChainStore.FileName), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Assert.True(ReorgJournal.Read(_dir.Path, out _)!.IsAppliedTo(blockFile));
    }

    [Fact]
    public void The_last_reorganisations_journal_never_undoes_blocks_appended_after_it()
    {
        using var generator = new ChainGenerator();
        var longer = generator.Generate(generated.Branch[^1], 3, dataBytes: 100, salt: "after ").ToArray();
        using (var store = Open(_dir.Path))
        {
            store.Append(generated.Blocks);
            var chain = new ChainState(store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
            Assert.Equal(ChainUpdateOutcome.Reorganized, chain.TryAdopt(generated.Branch).Outcome);
            Assert.Equal(ChainUpdateOutcome.Extended, chain.TryAdopt(longer).Outcome);
        }

        File.Delete(Path.Combine(_dir.Path, StoreCheckpoint.FileName)); // as a crash leaves it: every record re-checked
        using var reopened = Open(_dir.Path);

        Assert.Equal(longer[^1].Hash, reopened.Hash(reopened.Height));
        Assert.Equal("", _log.ToString());
    }

    [Fact]
    public async Task A_node_syncs_from_two_members_at_once_and_ends_identical()
    {
        var a = MemoryChain(generated.Blocks);
        var b = MemoryChain(generated.Blocks);
        using var store = Open(_dir.Path);
        var behind = new ChainState(store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
        var fromA = new ChainBlockSource(a, name: "a");
        var fromB = new ChainBlockSource(b, name: "b");
        var reports = new List<ulong>();

        var update = await new ChainSync(behind, batch: 100).CatchUpAsync([fromA, fromB], a.Height, null, _ => { }, (done, _, _) => reports.Add(done), CancellationToken.None);

        Assert.Equal(ChainUpdateOutcome.Extended, update.Outcome);
        Assert.Equal(a.Tip.Hash, behind.Tip.Hash);
        Assert.Equal(a.TotalWork, behind.TotalWork);
        Assert.True(fromA.BlocksServed > 0 && fromB.BlocksServed > 0, $"served: a {fromA.BlocksServed}, b {fromB.BlocksServed}");
        Assert.Equal(GeneratedChain.Length, fromA.BlocksServed + fromB.BlocksServed);
        Assert.Equal((ulong)GeneratedChain.Length, reports[^1]);
    }

    [Fact]
    public async Task A_member_that_joins_during_a_sync_serves_the_windows_after_it()
    {
        var a = MemoryChain(generated.Blocks);
        var late = new ChainBlockSource(MemoryChain(generated.Blocks), name: "late");
        BlockSources? sources = null;
        sources = new BlockSources([new JoinsOnFirstRead(new ChainBlockSource(a, name: "a"), () => sources!.TryAdd(late))]);
        using var store = Open(_dir.Path);
        var behind = new ChainState(store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
        var served = new List<int>();

        var update = await new ChainSync(behind, batch: 100).CatchUpAsync(sources, a.Height, null, _ => { }, (_, _, from) => served.Add(from), CancellationToken.None);

        Assert.Equal(ChainUpdateOutcome.Extended, update.Outcome);
        Assert.Equal(a.Tip.Hash, behind.Tip.Hash);
        Assert.True(late.BlocksServed > 0, "the member that joined during the sync sent no blocks");
        Assert.Equal(2, served[^1]);
    }

    /// <summary>A source that, when first asked for blocks, has another member join the sync (<paramref name="join"/>).</summary>
    private sealed class JoinsOnFirstRead(IBlockSource inner, Action join) : IBlockSource
    {
        private bool _joined;

        public string Name => inner.Name;

        public Task<ReadOnlyMemory<byte>> ReadRecordsAsync(ulong from, int count, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
        {
            if (!_joined)
            {
                _joined = true;
                join();
            }

            return inner.ReadRecordsAsync(from, count, cancellationToken, maxBytes);
        }

        public Task<ReadOnlyMemory<byte>> ReadHeadersAsync(ulong from, int count, CancellationToken cancellationToken) =>
            inner.ReadHeadersAsync(from, count, cancellationToken);
    }

    [Fact]
    public void Memory_per_stored_block_stays_under_the_aim()
    {
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        using var store = Open(_dir.Path);
        store.Append(generated.Blocks);
        var chain = new ChainState(store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
        var perBlock = (GC.GetTotalMemory(forceFullCollection: true) - baseline) / (double)GeneratedChain.Length;
        GC.KeepAlive(chain);

        // The aim is ~200 B a block at a million blocks; a short chain also carries the cache (8 MiB budget) and fixed tables.
        Assert.True(perBlock < 8 * 1024, $"{perBlock:F0} bytes a block");
    }

    private static ChainState MemoryChain(IReadOnlyList<Block> blocks)
    {
        var chain = new ChainState(new MemoryChainStore(), ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
        Assert.Equal(ChainUpdateOutcome.Extended, chain.TryAdopt(blocks).Outcome);
        return chain;
    }

    private ChainStore Open(string directory, Action<StoreStep>? onStep = null) => ChainStore.Open(directory, ChainRules.Default, trustStore: false, TestLog.To(_log), onStep);

    private static TempDirectory Snapshot(string directory)
    {
        var copy = new TempDirectory();
        CopyFiles(directory, copy.Path);
        return copy;
    }

    private static void CopyFiles(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from).Where(f => Path.GetFileName(f) != ChainStore.LockFileName))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        return a.AsSpan(0, n).CommonPrefixLength(b.AsSpan(0, n));
    }
}
