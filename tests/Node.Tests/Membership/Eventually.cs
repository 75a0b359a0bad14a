using System.Diagnostics;

namespace Beamchain.Node.Tests.Membership;

/// <summary>Awaits a condition with a deadline, checking it every few milliseconds.</summary>
internal static class Eventually
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns how long the condition took to hold; fails the test with <paramref name="describe"/> at the deadline.</summary>
    public static Task<TimeSpan> HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, describe);

    /// <inheritdoc cref="HoldsAsync(Func{bool}, TimeSpan, Func{string})"/>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(CheckInterval);
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Not so within {timeout.TotalSeconds:0.#} s: {describe()}");
            }

            await ticks.WaitForNextTickAsync();
        }

        return clock.Elapsed;
    }
}
