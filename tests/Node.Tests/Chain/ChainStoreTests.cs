using System.Buffers.Binary;
using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Chain;

public sealed class ChainStoreTests : IDisposable
{
    private static readonly IReadOnlyList<Block> Three = TestMiner.Children(Genesis.Block, "a1", "a2", "a3");
    private readonly TempDirectory _dir = new();
    private readonly StringWriter _log = new();
    private readonly BlockFileEditor _file;

    public ChainStoreTests() => _file = new BlockFileEditor(_dir.Path);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_new_store_holds_no_blocks_above_genesis()
    {
        using var store = Open();

        Assert.Empty(store.Blocks);
        Assert.Equal(BlockFileEditor.MagicLength, _file.Bytes.Length);
    }

    [Fact]
    public void Restart_keeps_every_appended_block()
    {
        StoreThreeAndCrash();

        using var store = Open();

        Assert.Equal(Three.Select(b => b.Hash), store.Blocks.Select(b => b.Hash));
        Assert.Equal(Three.Select(b => b.Data), store.Blocks.Select(b => b.Data));
        Assert.Equal("", _log.ToString());
    }

    [Fact]
    public void A_blocks_request_id_survives_a_restart()
    {
        using (var store = Open())
        {
            store.Append(Block.Create(Three[0].Header, Three[0].Data, "0123456789abcdef"));
        }

        using var reopened = Open();

        Assert.Equal("0123456789abcdef", reopened.Blocks.Single().RequestId);
        Assert.Equal(Three[0].Hash, reopened.Blocks.Single().Hash);
    }

    [Fact]
    public void A_tail_cut_mid_record_recovers_to_the_last_whole_block_and_is_logged_once()
    {
        StoreThreeAndCrash();
        var third = _file.RecordOffsets()[2];
        var length = _file.Bytes.Length;
        _file.CutLast(10);

        using (var store = Open())
        {
            Assert.Equal(Three.Take(2).Select(b => b.Hash), store.Blocks.Select(b => b.Hash));
            Assert.Equal(third, _file.Bytes.Length);
            Assert.Equal(length - 10 - third, store.TornTailBytes);
            Assert.Contains("torn tail", _log.ToString());
        }

        var logged = _log.ToString();
        using var again = Open();
        Assert.Equal(0, again.TornTailBytes);
        Assert.Equal(logged, _log.ToString());
        Assert.Equal(2, again.Blocks.Count);
    }

    [Fact]
    public void A_tail_cut_inside_a_record_frame_recovers()
    {
        StoreThreeAndCrash();
        var last = _file.RecordOffsets()[^1];
        _file.CutLast(_file.Bytes.Length - last - 5);

        using var store = Open();

        Assert.Equal(2, store.Blocks.Count);
        Assert.Equal(5, store.TornTailBytes);
        Assert.Equal(last, _file.Bytes.Length);
    }

    [Fact]
    public void A_tail_garbled_mid_record_recovers_to_the_last_whole_block()
    {
        StoreThreeAndCrash();
        var last = _file.RecordOffsets()[^1];
        _file.Overwrite(last + BlockFileEditor.FrameLength + 40, [0xde, 0xad, 0xbe, 0xef]);

        using var store = Open();

        Assert.Equal(Three.Take(2).Select(b => b.Hash), store.Blocks.Select(b => b.Hash));
        Assert.Null(store.Damage);
        Assert.Contains("torn tail", _log.ToString());
    }

    [Fact]
    public void Damage_inside_the_checkpointed_prefix_is_reported_by_height_when_read_and_checked_at_the_next_start()
    {
        using (var store = Open())
        {
            store.Append(Three);
        }

        _file.EditPayload(1, payload => payload[^1] ^= 0x01, fixChecksum: false);
        using (var store = Open())
        {
            Assert.Equal(0, store.CheckedAtOpen);
            var error = Assert.Throws<ChainStoreException>(() => store.Read(2));
            Assert.Contains("block at height 2 is damaged", error.Message);
        }

        using var again = Open();
        Assert.Equal(2UL, again.Damage?.Height);
        Assert.Equal([Three[0].Hash], again.Blocks.Select(b => b.Hash));
    }

    [Fact]
    public void A_zero_filled_tail_is_cut()
    {
        StoreThreeAndCrash();
        _file.Append(new byte[200]);

        using var store = Open();

        Assert.Equal(3, store.Blocks.Count);
        Assert.Equal(200, store.TornTailBytes);
    }

    [Fact]
    public void Appends_after_a_recovered_tail_land_where_the_tail_was()
    {
        StoreThreeAndCrash();
        _file.CutLast(10);
        using (var store = Open())
        {
            store.Append(Three[2]);
        }

        using var reopened = Open();

        Assert.Equal(Three.Select(b => b.Hash), reopened.Blocks.Select(b => b.Hash));
        Assert.Equal(0, reopened.TornTailBytes);
    }

    [Fact]
    public void A_block_whose_bytes_changed_is_refused_naming_its_height()
    {
        StoreThreeAndCrash();
        var before = _file.Bytes;
        _file.EditPayload(1, payload => payload[^1] ^= 0x01, fixChecksum: false);
        var altered = _file.Bytes;

        using (var store = Open())
        {
            Assert.Equal([Three[0].Hash], store.Blocks.Select(b => b.Hash));
            Assert.Equal(2UL, store.Damage?.Height);
            Assert.Contains("checksum", store.Damage!.Reason);
            Assert.Contains("block at height 2 is damaged", _log.ToString());
            Assert.Equal(altered, File.ReadAllBytes(store.Damage.SavedCopy));
            Assert.EndsWith(".damaged-1", store.Damage.SavedCopy, StringComparison.Ordinal);
            Assert.Contains($"saved as {store.Damage.SavedCopy}", _log.ToString(), StringComparison.Ordinal);
            Assert.NotEqual(before, altered);
        }

        using var again = Open();
        Assert.Null(again.Damage);
        Assert.Single(again.Blocks);
    }

    [Fact]
    public void A_damaged_first_block_leaves_only_genesis()
    {
        StoreThreeAndCrash();
        _file.EditPayload(0, payload => payload[0] ^= 0x80, fixChecksum: false);

        using var store = Open();

        Assert.Empty(store.Blocks);
        Assert.Equal(1UL, store.Damage?.Height);
    }

    [Fact]
    public void Altered_data_with_a_matching_checksum_fails_its_links()
    {
        StoreThreeAndCrash();
        _file.EditPayload(1, payload => payload[^1] ^= 0x01, fixChecksum: true);

        using var store = Open();

        Assert.Single(store.Blocks);
        Assert.Equal(2UL, store.Damage?.Height);
        Assert.Contains(nameof(BlockRejection.DataHashMismatch), store.Damage!.Reason);
    }

    [Fact]
    public void An_altered_nonce_fails_proof_of_work_unless_the_store_is_trusted()
    {
        StoreThreeAndCrash();
        var last = Three[2];
        var nonce = last.Header.Nonce + 1;
        while (last.Header.WithNonce(nonce).Hash() <= last.Target)
        {
            nonce++;
        }

        _file.EditPayload(2, payload => BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(BlockHeader.NonceOffset), nonce), fixChecksum: true);
        var altered = _file.Bytes;

        using (var checkedStore = Open())
        {
            Assert.Equal(3UL, checkedStore.Damage?.Height);
            Assert.Contains(nameof(BlockRejection.HashAboveTarget), checkedStore.Damage!.Reason);
        }

        File.WriteAllBytes(_file.Path, altered);
        using var trusted = Open(trustStore: true);
        Assert.Null(trusted.Damage);
        Assert.Equal(3, trusted.Blocks.Count);
    }

    [Fact]
    public void A_broken_link_is_found_even_in_a_trusted_store()
    {
        StoreThreeAndCrash();
        // Block 2's nonce changes its hash, so block 3 no longer names its parent.
        _file.EditPayload(1, payload => payload[BlockHeader.NonceOffset] ^= 0x01, fixChecksum: true);

        using var store = Open(trustStore: true);

        Assert.Equal(3UL, store.Damage?.Height);
        Assert.Contains(nameof(BlockRejection.PreviousHashMismatch), store.Damage!.Reason);
    }

    [Fact]
    public void A_reorganisation_survives_a_restart()
    {
        using (var store = Open())
        {
            var chain = new ChainState(store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
            chain.TryAdopt(Three);
            var heavy = TestMiner.Child(Genesis.Block, "b1", TestMiner.BitsHarderThanMinimum(4));
            Assert.Equal(ChainUpdateOutcome.Reorganized, chain.TryAppend(heavy).Outcome);
            Assert.Equal(ChainUpdateOutcome.Extended, chain.TryAppend(TestMiner.Child(heavy, "b2")).Outcome);
        }

        using var reopened = Open();

        Assert.Equal(["b1", "b2"], reopened.Blocks.Select(b => b.Data));
        Assert.False(File.Exists(_file.Path + ".tmp"));
    }

    [Fact]
    public void A_replacement_that_never_finished_is_discarded_at_open()
    {
        StoreThreeAndCrash();
        File.WriteAllBytes(_file.Path + ".tmp", [1, 2, 3]);

        using var store = Open();

        Assert.Equal(3, store.Blocks.Count);
        Assert.False(File.Exists(_file.Path + ".tmp"));
        Assert.Contains("never finished", _log.ToString());
    }

    [Fact]
    public void A_second_open_of_the_same_directory_is_refused()
    {
        using var first = Open();

        var error = Assert.Throws<ChainStoreException>(() => Open());

        Assert.Contains("in use by another node", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_block_file_is_refused()
    {
        File.WriteAllText(_file.Path, "hello, not blocks");

        var error = Assert.Throws<ChainStoreException>(() => Open());

        Assert.Contains("not a Beamchain block file", error.Message);
    }

    [Fact]
    public void Append_refuses_a_gap_in_heights()
    {
        using var store = Open();

        Assert.Throws<InvalidOperationException>(() => store.Append(Three[1]));
    }

    private ChainStore Open(bool trustStore = false) => ChainStore.Open(_dir.Path, ChainRules.Default, trustStore, TestLog.To(_log));

    /// <summary>Stores the three blocks and leaves the files as a crash would: without the checkpoint a clean close writes, so the next start re-checks every record.</summary>
    private void StoreThreeAndCrash()
    {
        using (var store = Open())
        {
            store.Append(Three);
        }

        File.Delete(Path.Combine(_dir.Path, StoreCheckpoint.FileName));
    }
}
