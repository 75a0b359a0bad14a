namespace Beamchain.Node.Chain;

/// <summary>The outcome of validating one block: <see cref="BlockRejection.None"/> or the rule it broke, with a message for people.</summary>
public readonly record struct BlockVerdict(BlockRejection Rejection, string Message)
{
    public static BlockVerdict Valid { get; } = new(BlockRejection.None, "valid");

    public bool IsValid => Rejection == BlockRejection.None;

    public override string ToString() => IsValid ? Message : $"{Rejection}: {Message}";
}
