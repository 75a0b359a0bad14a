namespace Beamchain.Node.Chain;

/// <summary>Why a block was refused: one reason per validation rule.</summary>
public enum BlockRejection
{
    /// <summary>Not refused.</summary>
    None = 0,
    UnknownVersion,
    HeightNotNext,
    PreviousHashMismatch,
    DataHashMismatch,
    TimestampBeforeParent,
    TimestampTooFarAhead,
    InvalidTarget,
    TargetEasierThanMinimum,
    TargetOutsideParentRange,
    HashAboveTarget,
}
