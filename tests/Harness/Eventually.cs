using System.Diagnostics;

namespace Beamchain.Harness;

/// <summary>
/// Awaits a condition with a deadline instead of sleeping a fixed time: the one way tests and
/// benchmarks wait for something to become true. On timeout it throws
/// <see cref="TimeoutException"/> naming what was awaited, so a failing test says what never happened.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns how long <paramref name="condition"/> took to hold.</summary>
    public static Task<TimeSpan> TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, () => what);

    /// <inheritdoc cref="TrueAsync(Func{bool}, TimeSpan, string)"/>
    public static Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        TrueAsync(condition, timeout, () => what);

    /// <inheritdoc cref="TrueAsync(Func{bool}, TimeSpan, string)"/>
    /// <param name="what">Called only on timeout, so it can describe the state that was seen.</param>
    public static Task<TimeSpan> TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> what) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what);

    /// <inheritdoc cref="TrueAsync(Func{bool}, TimeSpan, Func{string})"/>
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(CheckInterval);
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0.#} s for: {what()}");
            }

            await ticks.WaitForNextTickAsync();
        }

        return clock.Elapsed;
    }

    /// <summary>The result of <paramref name="task"/>, or a <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, TimeSpan timeout, string what)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"waited {timeout.TotalSeconds:0.#} s for: {what}");
        }
    }
}
