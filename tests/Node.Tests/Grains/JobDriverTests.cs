using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Beamchain.Node.Grains;
using Beamchain.Node.Tests.Chain;
using Google.Protobuf;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Grains;

/// <summary>The chain grain's decisions without a cluster: which request becomes which job, and when a job is kept, retried or started again.</summary>
public class JobDriverTests
{
    private readonly ChainState _chain = new(new MemoryChainStore(), ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
    private readonly ScriptedDispenser _dispenser = new();
    private readonly StringWriter _log = new();
    private readonly JobDriver _jobs;

    public JobDriverTests() => _jobs = new JobDriver(_chain, _dispenser, TestLog.To(_log));

    private static MineRequest Request(string id) => new() { RequestId = id, Data = $"data of {id}" };

    [Fact]
    public async Task The_head_of_the_queue_goes_to_the_dispenser_with_its_request_id_and_height_as_fields()
    {
        _dispenser.Status = new DispenserStatus(); // a fresh dispenser: no job
        _jobs.Enqueue(Request("r1"));
        _jobs.Enqueue(Request("r2"));

        var step = await _jobs.StartNextAsync();

        var start = Assert.Single(_dispenser.Started);
        Assert.Equal("r1", start.RequestId);
        Assert.Equal(1UL, BlockHeader.Decode(start.Header.Span).Height);
        Assert.Equal(BlockHeader.HashData("data of r1"), BlockHeader.Decode(start.Header.Span).DataHash);
        Assert.Equal(JobStep.Watch(start.JobId), step);
        Assert.Equal(start.JobId, _jobs.CurrentJobId);
    }

    [Fact]
    public async Task A_running_job_is_not_started_twice()
    {
        _jobs.Enqueue(Request("r1"));
        await _jobs.StartNextAsync();

        Assert.Equal(JobStep.Idle, await _jobs.StartNextAsync());
        Assert.Single(_dispenser.Started);
    }

    [Fact]
    public async Task A_new_activation_keeps_the_dispensers_job_when_its_fields_name_the_head_on_this_tip()
    {
        _dispenser.Status = new DispenserStatus { JobId = "job-from-the-last-activation", Height = 1, RequestId = "r1" };
        _jobs.Enqueue(Request("r1"));

        var step = await _jobs.StartNextAsync();

        Assert.Equal(JobStep.Watch("job-from-the-last-activation"), step);
        Assert.Empty(_dispenser.Started);
    }

    [Fact]
    public async Task A_new_activation_starts_afresh_when_the_dispenser_mines_another_request_whatever_its_job_id_says()
    {
        // The id looks like the head's job; only the fields count.
        _dispenser.Status = new DispenserStatus { JobId = "1-r1-0000-1", Height = 1, RequestId = "r0" };
        _jobs.Enqueue(Request("r1"));

        await _jobs.StartNextAsync();

        Assert.Equal("r1", Assert.Single(_dispenser.Started).RequestId);
    }

    [Fact]
    public async Task A_job_the_dispenser_does_not_take_is_retried_later()
    {
        _dispenser.Silent = true;
        _jobs.Enqueue(Request("r1"));

        Assert.Equal(JobStep.Retry, await _jobs.StartNextAsync());
        Assert.Null(_jobs.CurrentJobId);
        Assert.Contains("did not take job", _log.ToString());

        _dispenser.Silent = false;
        Assert.NotNull((await _jobs.StartNextAsync()).WatchJobId);
        Assert.Single(_dispenser.Started);
    }

    [Fact]
    public async Task A_job_the_dispenser_lost_is_started_again_as_a_new_job()
    {
        _jobs.Enqueue(Request("r1"));
        var first = (await _jobs.StartNextAsync()).WatchJobId!;

        Assert.Equal(JobStep.Watch(first), await _jobs.CheckAsync(first));
        _dispenser.Status = new DispenserStatus { Host = "127.0.0.1:1" }; // re-activated elsewhere, empty

        var step = await _jobs.CheckAsync(first);

        Assert.Equal(2, _dispenser.Started.Count);
        Assert.NotEqual(first, step.WatchJobId);
        Assert.Equal(_dispenser.Started[1].JobId, step.WatchJobId);
        Assert.Equal(JobStep.Idle, await _jobs.CheckAsync(first));
    }

    [Fact]
    public async Task A_silent_dispenser_keeps_the_job_watched()
    {
        _jobs.Enqueue(Request("r1"));
        var jobId = (await _jobs.StartNextAsync()).WatchJobId!;
        _dispenser.Status = null;

        Assert.Equal(JobStep.Watch(jobId), await _jobs.CheckAsync(jobId));
        Assert.Single(_dispenser.Started);
    }

    [Fact]
    public async Task A_solution_of_the_head_is_announced_and_its_request_leaves_the_queue_once_stored()
    {
        _jobs.Enqueue(Request("r1"));
        _jobs.Enqueue(Request("r2"));
        await _jobs.StartNextAsync();
        var solved = Solve(_dispenser.Started[0], "data of r1");

        var announced = _jobs.Announcement(solved, "127.0.0.1:2", out var refusal);

        Assert.NotNull(announced);
        Assert.Equal("", refusal);
        Assert.Equal("r1", announced.Block.RequestId);
        Assert.True(announced.Block.TryToBlock(out var block, out _));
        Assert.Equal(ChainUpdateOutcome.Extended, _chain.TryAppend(block).Outcome);
        _jobs.Settle(solved, announced, new BlockStored { Stored = true });
        Assert.Null(_jobs.CurrentJobId);
        Assert.Equal(["r2"], _jobs.Queue.Requests.Select(r => r.RequestId));
    }

    [Fact]
    public async Task A_refused_block_leaves_its_request_at_the_head_to_be_mined_again()
    {
        _jobs.Enqueue(Request("r1"));
        await _jobs.StartNextAsync();
        var solved = Solve(_dispenser.Started[0], "data of r1");
        var announced = _jobs.Announcement(solved, "", out _)!;

        _jobs.Settle(solved, announced, new BlockStored { Stored = false, Message = "disk full" });

        Assert.Equal("r1", _jobs.Queue.Head?.RequestId);
        Assert.Contains("refused: disk full", _log.ToString());
        Assert.NotNull((await _jobs.StartNextAsync()).WatchJobId);
    }

    [Fact]
    public async Task A_solution_that_is_not_the_heads_block_is_refused()
    {
        _jobs.Enqueue(Request("r1"));
        await _jobs.StartNextAsync();
        var other = Solve(_dispenser.Started[0], "someone else's data");

        Assert.Null(_jobs.Announcement(other, "", out var refusal));
        Assert.Contains("is not the current job", refusal);
    }

    [Fact]
    public async Task A_request_already_in_a_block_is_answered_at_once_with_place_0()
    {
        _jobs.Enqueue(Request("r1"));
        await _jobs.StartNextAsync();
        var solved = Solve(_dispenser.Started[0], "data of r1");
        _jobs.Announcement(solved, "", out _)!.Block.TryToBlock(out var block, out _);
        _chain.TryAppend(block!);

        var answer = _jobs.AnswerWithoutQueueing(Request("r1"));

        Assert.Equal(0, answer?.Place);
        Assert.Equal("", answer?.Error);
        Assert.Null(_jobs.AnswerWithoutQueueing(Request("r9")));
    }

    [Fact]
    public void A_request_asked_again_while_queued_keeps_its_place_and_is_not_queued_twice()
    {
        _jobs.Enqueue(Request("r1"));
        _jobs.Enqueue(Request("r2"));

        var again = _jobs.AnswerWithoutQueueing(Request("r2"));

        Assert.Equal(2, again?.Place);
        Assert.Equal("", again?.Error);
        Assert.False(again?.Indeterminate);
        Assert.Equal(["r1", "r2"], _jobs.Queue.Requests.Select(r => r.RequestId));
    }

    /// <summary>What the dispenser sends back for <paramref name="start"/>: its header with a nonce that meets the target.</summary>
    private static JobSolved Solve(StartJob start, string data)
    {
        var template = BlockHeader.Decode(start.Header.Span) with { DataHash = BlockHeader.HashData(data) };
        var block = TestMiner.Mine(template, data);
        return new JobSolved { JobId = start.JobId, Header = ByteString.CopyFrom(block.Header.ToBytes()), Summary = new JobSummary() };
    }
}
