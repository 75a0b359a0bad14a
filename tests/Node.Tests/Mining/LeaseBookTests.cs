using Beamchain.Kernels.Search;
using Beamchain.Node.Mining;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Mining;

public class LeaseBookTests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Ranges_are_contiguous_increasing_and_sized_by_the_asker()
    {
        var book = new LeaseBook(_time);

        var a = book.Issue("node-a", "cpu", 100, LeaseTime);
        var b = book.Issue("node-b", "cpu", 5000, LeaseTime);
        var c = book.Issue("node-a", "cpu", 1, LeaseTime);

        Assert.Equal(new NonceRange(0, 100), a.Range);
        Assert.Equal(new NonceRange(100, 5000), b.Range);
        Assert.Equal(new NonceRange(5100, 1), c.Range);
        Assert.Equal(5101UL, book.Figures().Issued);
    }

    [Fact]
    public void A_step_of_the_system_clock_neither_expires_a_lease_nor_keeps_it_past_its_time()
    {
        var time = new SteppableClock();
        var book = new LeaseBook(time);
        var lease = book.Issue("node-a", "cpu", 100, LeaseTime);

        time.Step(TimeSpan.FromHours(1));
        book.ExpireDue();
        Assert.True(book.TryGetOpen(lease.Id, out _), "a step ahead expired the lease");

        time.Step(TimeSpan.FromHours(-2));
        time.Advance(LeaseTime * LeaseBook.ExpiryFactor);
        book.ExpireDue();
        Assert.False(book.TryGetOpen(lease.Id, out _), "a step back kept the lease past its time");
    }

    [Fact]
    public void A_lease_expires_after_three_lease_times_and_its_range_is_issued_again_before_any_new_range()
    {
        var book = new LeaseBook(_time);
        var lost = book.Issue("node-a", "cpu", 1000, LeaseTime);
        var kept = book.Issue("node-b", "cpu", 1000, LeaseTime);

        _time.Advance(LeaseTime * 3 - TimeSpan.FromMilliseconds(1));
        Assert.Equal(LeaseOutcome.Accepted, book.Complete(kept.Id));
        Assert.Equal(new NonceRange(2000, 10), book.Issue("node-b", "cpu", 10, LeaseTime).Range);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var first = book.Issue("node-b", "cpu", 600, LeaseTime);
        var second = book.Issue("node-b", "cpu", 600, LeaseTime);

        Assert.Equal(new NonceRange(0, 600), first.Range);
        Assert.Equal(new NonceRange(600, 400), second.Range); // the rest of the pooled range, not a new cut
        Assert.Equal(new NonceRange(2010, 5), book.Issue("node-b", "cpu", 5, LeaseTime).Range);
        var figures = book.Figures();
        Assert.Equal(1000UL, figures.Reissued);
        Assert.Equal(1000UL, figures.Expired);
        Assert.Equal(LeaseOutcome.Expired, book.Complete(lost.Id));
    }

    [Fact]
    public void Returned_ranges_are_issued_again_oldest_first_not_lowest_first()
    {
        var book = new LeaseBook(_time);
        var low = book.Issue("node-a", "cpu", 100, LeaseTime);
        var high = book.Issue("node-b", "cpu", 100, LeaseTime);
        Assert.Equal(LeaseOutcome.Accepted, book.HandBack(high.Id, 0)); // node-b leaves: [100, 200) waits

        // [0, 100) expires after the hand-back: lower, but it came back later.
        _time.Advance(LeaseTime * 3);
        Assert.Equal(new NonceRange(100, 100), book.Issue("node-c", "cpu", 100, LeaseTime).Range);
        var again = book.Issue("node-a", "cpu", 100, LeaseTime);
        Assert.Equal(low.Range, again.Range);
        Assert.Equal(new NonceRange(200, 100), book.Issue("node-c", "cpu", 100, LeaseTime).Range);
    }

    [Fact]
    public void Work_reported_on_an_expired_lease_is_not_counted_so_nothing_is_duplicated()
    {
        var book = new LeaseBook(_time);
        var slow = book.Issue("node-a", "cpu", 1000, LeaseTime);
        _time.Advance(LeaseTime * 3);
        var again = book.Issue("node-b", "cpu", 1000, LeaseTime);

        Assert.Equal(LeaseOutcome.Accepted, book.Complete(again.Id));
        Assert.Equal(LeaseOutcome.Expired, book.Complete(slow.Id));

        var figures = book.Figures();
        Assert.Equal(1000UL, figures.Completed);
        Assert.Equal(0UL, figures.Duplicated);
        Assert.Equal(1000UL, figures.HashesPerNode["node-b"]);
        Assert.False(figures.HashesPerNode.ContainsKey("node-a"));
    }

    [Fact]
    public void A_handed_back_lease_counts_its_hashed_part_and_its_rest_is_issued_next()
    {
        var book = new LeaseBook(_time);
        var lease = book.Issue("node-a", "cpu", 1000, LeaseTime);
        book.Issue("node-b", "cpu", 1000, LeaseTime);

        Assert.Equal(LeaseOutcome.Accepted, book.HandBack(lease.Id, 250));
        var next = book.Issue("node-c", "gpu", 5000, LeaseTime);

        Assert.Equal(new NonceRange(250, 750), next.Range);
        Assert.Equal(250UL, book.Figures().HashesPerNode["node-a"]);
        Assert.Equal(750UL, book.Figures().Reissued);
    }

    [Fact]
    public void Settling_twice_is_refused_as_unknown()
    {
        var book = new LeaseBook(_time);
        var lease = book.Issue("node-a", "cpu", 10, LeaseTime);

        Assert.Equal(LeaseOutcome.Accepted, book.Complete(lease.Id));
        Assert.Equal(LeaseOutcome.Unknown, book.Complete(lease.Id));
        Assert.Equal(10UL, book.Figures().Completed);
    }

    [Fact]
    public void Completed_ranges_per_node_add_up_to_the_completed_total_without_overlap()
    {
        var book = new LeaseBook(_time);
        var leases = Enumerable.Range(0, 20).Select(i => book.Issue($"node-{i % 3}", "cpu", (ulong)(i + 1) * 7, LeaseTime)).ToList();
        foreach (var lease in leases.Where((_, i) => i % 4 != 0))
        {
            book.Complete(lease.Id);
        }

        var figures = book.Figures();
        Assert.Equal(figures.Completed, figures.HashesPerNode.Values.Aggregate(0UL, (a, b) => a + b));
        var ordered = figures.CompletedRanges.OrderBy(r => r.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i - 1].Start + ordered[i - 1].Count <= ordered[i].Start);
        }
    }

    [Fact]
    public void A_book_within_32_bit_blocks_never_issues_a_range_crossing_a_multiple_of_2_32_and_stops_at_its_end()
    {
        const ulong start = (1UL << 32) - 1000;
        var book = new LeaseBook(_time, start, endNonce: (1UL << 32) + 500, within32BitBlocks: true);

        var first = book.Issue("gateway", "volunteer", 5000, LeaseTime);
        var second = book.Issue("gateway", "volunteer", 5000, LeaseTime);

        Assert.Equal(new NonceRange(start, 1000), first.Range);
        Assert.Equal(new NonceRange(1UL << 32, 500), second.Range);
        Assert.False(book.CanIssue);
        book.Complete(second.Id);
        book.HandBack(first.Id, 0);
        Assert.True(book.CanIssue);
        var again = book.Issue("gateway", "volunteer", 5000, LeaseTime);
        Assert.Equal(first.Range, again.Range);
        book.Complete(again.Id);
        Assert.True(book.Finished);
        Assert.Equal(1500UL, book.CompletedPrefix(start));
    }

    [Fact]
    public void Progress_counts_finished_parts_of_an_open_lease_now_and_its_end_counts_only_the_rest()
    {
        var book = new LeaseBook(_time);
        var lease = book.Issue("gateway", "grid", 1000, LeaseTime);

        Assert.Equal(LeaseOutcome.Accepted, book.Progress(lease.Id, [new NonceRange(600, 200), new NonceRange(0, 100)]));
        Assert.Equal(300UL, book.Figures().HashesPerNode["gateway"]);
        Assert.True(book.TryGetOpen(lease.Id, out _));

        Assert.Equal(LeaseOutcome.Accepted, book.Complete(lease.Id));
        var figures = book.Figures();
        Assert.Equal(1000UL, figures.Completed);
        Assert.Equal(1000UL, figures.HashesPerNode["gateway"]);
        Assert.Equal(0UL, figures.Duplicated);
    }

    [Fact]
    public void A_lease_handed_back_after_progress_returns_only_what_is_neither_hashed_nor_counted()
    {
        var book = new LeaseBook(_time);
        var lease = book.Issue("gateway", "grid", 1000, LeaseTime);
        book.Progress(lease.Id, [new NonceRange(500, 100)]);

        Assert.Equal(LeaseOutcome.Accepted, book.HandBack(lease.Id, 200));
        var first = book.Issue("node-b", "cpu", 5000, LeaseTime);
        var second = book.Issue("node-b", "cpu", 5000, LeaseTime);

        Assert.Equal(new NonceRange(200, 300), first.Range);
        Assert.Equal(new NonceRange(600, 400), second.Range);
        Assert.Equal(300UL, book.Figures().HashesPerNode["gateway"]);
        Assert.Equal(0UL, book.Figures().Duplicated);
    }

    [Fact]
    public void A_lease_expiring_after_progress_keeps_its_counted_parts_and_only_the_rest_is_issued_again()
    {
        var book = new LeaseBook(_time);
        var lease = book.Issue("gateway", "grid", 1000, LeaseTime);
        book.Progress(lease.Id, [new NonceRange(0, 400)]);

        _time.Advance(LeaseTime * LeaseBook.ExpiryFactor);
        var again = book.Issue("node-b", "cpu", 5000, LeaseTime);

        Assert.Equal(new NonceRange(400, 600), again.Range);
        Assert.Equal(600UL, book.Figures().Expired);
        Assert.Equal(400UL, book.Figures().HashesPerNode["gateway"]);
        Assert.Equal(LeaseOutcome.Expired, book.Progress(lease.Id, [new NonceRange(400, 100)]));
        Assert.Equal(400UL, book.Figures().Completed);
    }

    [Fact]
    public void Progress_outside_the_lease_is_ignored_and_a_part_reported_twice_is_counted_as_duplicated()
    {
        var book = new LeaseBook(_time);
        var lease = book.Issue("gateway", "grid", 1000, LeaseTime);

        book.Progress(lease.Id, [new NonceRange(900, 500)]);
        book.Progress(lease.Id, [new NonceRange(950, 10)]);

        var figures = book.Figures();
        Assert.Equal(100UL, figures.Completed);
        Assert.Equal(10UL, figures.Duplicated);
        Assert.Equal(LeaseOutcome.Unknown, book.Progress(12345, [new NonceRange(0, 1)]));
    }
}
