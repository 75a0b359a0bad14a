namespace Beamchain.Node.Tests.Harness;

public sealed class EventuallyTests
{
    [Fact]
    public async Task A_condition_that_becomes_true_ends_the_wait()
    {
        var checks = 0;

        await Eventually.TrueAsync(() => ++checks >= 3, TimeSpan.FromSeconds(30), "three checks");

        Assert.Equal(3, checks);
    }

    [Fact]
    public async Task A_condition_that_never_holds_times_out_naming_what_was_awaited_and_what_was_seen()
    {
        var seen = 0;

        var e = await Assert.ThrowsAsync<TimeoutException>(() => Eventually.TrueAsync(async () => { await Task.Yield(); seen++; return false; }, TimeSpan.FromMilliseconds(100), () => $"a miracle (checked {seen} times)"));

        Assert.StartsWith("waited 0.1 s for: a miracle (checked ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_that_does_not_finish_in_time_is_named()
    {
        var never = new TaskCompletionSource<int>();

        var e = await Assert.ThrowsAsync<TimeoutException>(() => Eventually.WithinAsync(never.Task, TimeSpan.FromMilliseconds(50), "the answer"));

        Assert.Equal("waited 0.1 s for: the answer", e.Message);
    }

    [Fact]
    public void A_free_port_can_be_bound_at_once()
    {
        var port = FreePort.Next();

        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        listener.Start();
        Assert.InRange(port, 1, 65535);
    }
}
