namespace Beamchain.Node.Chain;

/// <summary>
/// The points of an append and of a replacement after which a crash can leave the store's
/// files; <see cref="ChainStore"/> reports each to an observer so tests can copy the files
/// as a crash there would leave them.
/// </summary>
public enum StoreStep
{
    /// <summary>Block records written to blocks.dat, not yet fsynced.</summary>
    RecordsWritten,

    /// <summary>Block records fsynced: the blocks are acknowledged from here.</summary>
    RecordsDurable,

    /// <summary>Index entries written (the index is not fsynced until a checkpoint).</summary>
    IndexWritten,

    /// <summary>A new checkpoint is in place.</summary>
    CheckpointWritten,

    /// <summary>A replacement's journal is durable; blocks.dat is not yet touched.</summary>
    JournalWritten,

    /// <summary>blocks.dat cut back to the blocks a replacement keeps, the new records not yet written.</summary>
    BlockFileCut,
}
