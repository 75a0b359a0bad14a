using Beamchain.Node.Healing;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Healing;

public class StallAwareExpiryTests
{
    private static readonly TimeSpan Expiration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void Rounds_at_the_gossip_interval_may_block_expired_members()
    {
        var time = new FakeTimeProvider();
        var expiry = new StallAwareExpiry(Expiration, time);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(new ExpiryRound(true, null), expiry.Next());
            time.Advance(Round);
        }
    }

    [Fact]
    public void After_the_wall_clock_jumped_ahead_nobody_is_blocked_for_one_expiration()
    {
        var time = new FakeTimeProvider();
        var expiry = new StallAwareExpiry(Expiration, time);
        expiry.Next();

        expiry.WallClockJumpedAhead();
        for (var ran = TimeSpan.Zero; ran <= Expiration; ran += Round)
        {
            Assert.False(expiry.Next().MayBlockExpired, $"{ran} after the jump");
            time.Advance(Round);
        }

        Assert.Equal(new ExpiryRound(true, null), expiry.Next());
    }

    [Fact]
    public void After_this_process_stood_still_nobody_is_blocked_for_one_expiration()
    {
        var time = new FakeTimeProvider();
        var expiry = new StallAwareExpiry(Expiration, time);
        expiry.Next();

        time.Advance(TimeSpan.FromSeconds(15)); // SIGSTOP ... SIGCONT
        Assert.Equal(new ExpiryRound(false, TimeSpan.FromSeconds(15)), expiry.Next());
        for (var ran = Round; ran <= Expiration; ran += Round)
        {
            time.Advance(Round);
            Assert.False(expiry.Next().MayBlockExpired, $"{ran} after the stall");
        }

        time.Advance(Round);
        Assert.Equal(new ExpiryRound(true, null), expiry.Next());
    }

    [Fact]
    public void A_gap_under_half_the_expiration_is_not_a_stall()
    {
        var time = new FakeTimeProvider();
        var expiry = new StallAwareExpiry(Expiration, time);
        expiry.Next();
        time.Advance(TimeSpan.FromSeconds(2.4));
        Assert.Equal(new ExpiryRound(true, null), expiry.Next());
    }

    [Fact]
    public void A_stall_before_the_first_round_counts_from_when_the_member_joined()
    {
        var time = new FakeTimeProvider();
        var expiry = new StallAwareExpiry(Expiration, time);
        time.Advance(TimeSpan.FromSeconds(15)); // joined, then stopped before its first gossip round
        Assert.Equal(new ExpiryRound(false, TimeSpan.FromSeconds(15)), expiry.Next());
    }

    [Fact]
    public void A_slow_gossip_round_is_not_a_stall_while_the_ticks_go_on()
    {
        var time = new FakeTimeProvider();
        var expiry = new StallAwareExpiry(Expiration, time);
        expiry.Next();
        for (var i = 0; i < 16; i++)
        {
            time.Advance(StallAwareExpiry.TickInterval);
            Assert.Null(expiry.Tick());
        }

        Assert.Equal(new ExpiryRound(true, null), expiry.Next()); // 4 s since the last round, members unreachable
    }
}
