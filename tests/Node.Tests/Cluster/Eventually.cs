namespace Beamchain.Node.Tests.Cluster;

/// <summary>Awaits a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0.#} s for: {what}");
            }
        }
    }

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
