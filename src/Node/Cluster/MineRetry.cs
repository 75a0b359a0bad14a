using Beamchain.Node.Grains;

namespace Beamchain.Node.Cluster;

/// <summary>
/// Asks the chain grain to queue one request until an answer settles it. No answer, or an
/// answer that says the outcome is open (<see cref="MineAccepted.Indeterminate"/>: the queue
/// was not confirmed on two members), may still end in a block; so the same request, with the
/// same id, is asked again rather than a new one, and the grain answers a request it already
/// holds with its place (or place 0 once mined): a late first ask and a later one are one
/// request, never two blocks.
/// </summary>
public sealed class MineRetry(TimeProvider time, TimeSpan attemptTimeout, TimeSpan deadline, TimeSpan pause)
{
    /// <summary>
    /// The settling answer; else the last open one once <c>deadline</c> has passed; null when no
    /// ask was answered at all. <paramref name="ask"/> is one request to the grain, cancelled by
    /// its token after <c>attemptTimeout</c>.
    /// </summary>
    public async Task<MineAccepted?> AskAsync(MineRequest request, Func<MineRequest, CancellationToken, Task<MineAccepted?>> ask, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        MineAccepted? last = null;
        while (true)
        {
            using var timeout = new CancellationTokenSource(attemptTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            MineAccepted? accepted;
            try
            {
                accepted = await ask(request, linked.Token);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                accepted = null; // no answer in time: the grain may still have it
            }

            last = accepted ?? last;
            if (accepted is not null && !accepted.Indeterminate || time.GetElapsedTime(started) + pause >= deadline)
            {
                return last;
            }

            await Task.Delay(pause, time, cancellationToken);
        }
    }
}
