using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Cluster;

/// <summary>
/// The mine request asked again while its outcome is open: always the same request (same id),
/// until an answer settles it or the deadline passes. Each scripted ask moves the fake clock by
/// what it would take (an unanswered one by the whole attempt timeout), so no test waits.
/// </summary>
public class MineRetryTests
{
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider _time = new();
    private readonly List<MineRequest> _asked = [];
    private readonly MineRequest _request = new() { RequestId = "r1", Data = "hello" };

    [Fact]
    public async Task An_unanswered_ask_is_asked_again_with_the_same_request_id_until_answered()
    {
        var answers = Script(null, Open(), new MineAccepted { RequestId = "r1", Place = 0 });

        var settled = await Retry().AskAsync(_request, answers, CancellationToken.None);

        Assert.Equal(0, settled?.Place);
        Assert.False(settled?.Indeterminate);
        Assert.Equal(3, _asked.Count);
        Assert.All(_asked, a => Assert.Equal(("r1", "hello"), (a.RequestId, a.Data)));
    }

    [Fact]
    public async Task A_definite_refusal_is_not_asked_again()
    {
        var answers = Script(new MineAccepted { RequestId = "r1", Error = "block data is empty" }, new MineAccepted { RequestId = "r1", Place = 1 });

        var settled = await Retry().AskAsync(_request, answers, CancellationToken.None);

        Assert.Equal("block data is empty", settled?.Error);
        Assert.Single(_asked);
    }

    [Fact]
    public async Task An_outcome_still_open_at_the_deadline_is_returned_open()
    {
        var answers = Script(Open(), null, Open(), null, new MineAccepted { RequestId = "r1", Place = 1 });

        var last = await Retry().AskAsync(_request, answers, CancellationToken.None);

        Assert.True(last?.Indeterminate);
        Assert.True(_time.GetUtcNow() - _time.Start >= Deadline - TimeSpan.FromSeconds(1), $"stopped at {_time.GetUtcNow() - _time.Start}");
        Assert.True(_asked.Count < 5, "asked past the deadline");
    }

    [Fact]
    public async Task No_answer_at_all_returns_null()
    {
        var answers = Script(null, null, null, null, null);

        Assert.Null(await Retry().AskAsync(_request, answers, CancellationToken.None));
    }

    /// <summary>A retry with no pause between asks, so only the scripted asks move the clock.</summary>
    private MineRetry Retry() => new(_time, Attempt, Deadline, TimeSpan.Zero);

    private static MineAccepted Open() => new() { RequestId = "r1", Error = "the request could not be confirmed on two members", Indeterminate = true };

    /// <summary>Asks answered in order: null is an ask nobody answers, cancelled by its timeout after <see cref="Attempt"/>; an answer takes one second.</summary>
    private Func<MineRequest, CancellationToken, Task<MineAccepted?>> Script(params MineAccepted?[] answers) =>
        async (request, token) =>
        {
            _asked.Add(request.Clone());
            var answer = answers[_asked.Count - 1];
            if (answer is not null)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                return answer;
            }

            var unanswered = new TaskCompletionSource<MineAccepted?>();
            using var registration = token.Register(() => unanswered.TrySetCanceled(token));
            _time.Advance(Attempt); // fires the attempt's timeout
            return await unanswered.Task;
        };
}
