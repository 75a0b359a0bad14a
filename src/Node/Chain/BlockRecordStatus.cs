namespace Beamchain.Node.Chain;

/// <summary>What was found at an offset of the block file.</summary>
public enum BlockRecordStatus
{
    /// <summary>A complete record whose checksum matches its payload.</summary>
    Whole,

    /// <summary>The record's frame or payload runs past the end of the file.</summary>
    Truncated,

    /// <summary>A complete frame whose length is impossible or whose checksum does not match.</summary>
    Corrupt,
}
