using Beamchain.Node.Secret;
using Beamchain.Node.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Secret;

public class RefusalLogTests
{
    private readonly CapturedOutput _output = new();
    private readonly FakeTimeProvider _time = new();

    private RefusalLog Log => new(TestLog.To(_output), _time, TimeSpan.FromSeconds(10));

    [Fact]
    public void A_refusal_is_one_line_with_the_peer_and_the_reason()
    {
        Log.Refused(RefusalKind.WrongSecret, "connection from 10.0.0.7:51000", "its proof does not match");

        Assert.Equal(["cluster secret: refused connection from 10.0.0.7:51000: its proof does not match"], _output.Lines);
    }

    [Fact]
    public void A_flood_prints_one_line_per_interval_then_counts_what_it_left_out()
    {
        var log = Log;
        for (var i = 0; i < 1000; i++)
        {
            log.Refused(RefusalKind.NoHandshake, $"connection from 10.0.0.7:{i}", "no secret");
        }

        Assert.Single(_output.Lines);
        _time.Advance(TimeSpan.FromSeconds(10));
        log.Refused(RefusalKind.NoHandshake, "connection from 10.0.0.8:1", "no secret");

        Assert.Equal(2, _output.Lines.Count);
        Assert.Equal("cluster secret: refused connection from 10.0.0.8:1: no secret (999 more like it not shown)", _output.Lines[1]);
    }

    [Fact]
    public void Each_kind_of_refusal_has_its_own_allowance()
    {
        var log = Log;
        log.Refused(RefusalKind.NoHandshake, "connection from a", "no secret");
        log.Refused(RefusalKind.WrongSecret, "connection from b", "wrong secret");
        log.Refused(RefusalKind.WrongSecret, "connection from c", "wrong secret");

        Assert.Equal(2, _output.Lines.Count);
    }
}
