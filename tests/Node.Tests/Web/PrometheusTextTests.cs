namespace Beamchain.Node.Tests.Web;

/// <summary>The test's own Prometheus reader refuses what it must, so a passing <c>/metrics</c> test means something.</summary>
public sealed class PrometheusTextTests
{
    private const string Good = """
        # HELP jobs_total Jobs done.
        # TYPE jobs_total counter
        jobs_total{node="a",reason="say \"hi\"\\n"} 3
        jobs_total{node="b"} 4 1700000000000
        # TYPE wait_seconds histogram
        wait_seconds_bucket{le="1"} 1
        wait_seconds_bucket{le="+Inf"} 2
        wait_seconds_sum 2.5e0
        wait_seconds_count 2

        """;

    [Fact]
    public void A_well_formed_exposition_is_read_whole()
    {
        var exposition = PrometheusText.Parse(Good);

        Assert.Equal(3, exposition.Single("jobs_total", "node=a"));
        Assert.Equal("say \"hi\"\\n", exposition.Samples[0].Labels["reason"]);
        Assert.Equal(2, exposition.Single("wait_seconds_count"));
        Assert.Equal("histogram", exposition.Types["wait_seconds"]);
    }

    [Theory]
    [InlineData("jobs_total 1\n", "no TYPE")]
    [InlineData("# TYPE a counter\na 1\n# TYPE b gauge\nb 1\na{x=\"1\"} 2\n", "split")]
    [InlineData("# TYPE a counter\na 1\na 2\n", "twice")]
    [InlineData("# TYPE a counter\na one\n", "not a float")]
    [InlineData("# TYPE a counter\na{x=\"1} 1\n", "never closed")]
    [InlineData("# TYPE a counter\na{x=\"\\t\"} 1\n", "escape")]
    [InlineData("# TYPE a counter\na{1x=\"1\"} 1\n", "label=")]
    [InlineData("# TYPE 1a counter\n", "not a metric name")]
    [InlineData("# TYPE a widget\n", "unknown type")]
    [InlineData("# TYPE a counter\na  1\n", "one space")]
    [InlineData("# TYPE a counter\na 1", "newline")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n", "cumulative")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 1\n", "is not the count")]
    public void A_malformed_exposition_is_refused_saying_why(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
        Assert.Contains(why, error.Message);
    }
}
