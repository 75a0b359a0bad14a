namespace Beamchain.Node.Chain;

/// <summary>One record as read from the block file: its status, its payload when whole, and where the next record would start.</summary>
public readonly record struct BlockRecordRead(BlockRecordStatus Status, byte[] Payload, long Next);
