namespace Beamchain.Node.Tests;

/// <summary>
/// Tests that hash for real (nodes mining, miners racing) share one collection so that
/// xunit runs them one after another: on a two-core machine, concurrent hashing tests
/// would starve each other and measure contention instead of the behaviour.
/// </summary>
public static class HashingTests
{
    public const string Collection = "hashing";
}
