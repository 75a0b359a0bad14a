using Beamchain.Node.Membership.Consul;

namespace Beamchain.Node.Tests.Membership;

public class ConsulAgentAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8500", "http://127.0.0.1:8500/")]
    [InlineData("consul.internal", "http://consul.internal:8500/")]
    [InlineData("10.0.0.5:80", "http://10.0.0.5/")]
    [InlineData("https://consul.internal:8501", "https://consul.internal:8501/")]
    [InlineData("http://127.0.0.1:18500/", "http://127.0.0.1:18500/")]
    [InlineData("[::1]", "http://[::1]:8500/")]
    public void Reads_the_forms_users_write(string text, string expected)
    {
        Assert.True(ConsulAgentAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(new Uri(expected), address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://127.0.0.1:8500")]
    [InlineData("http://127.0.0.1:8500/v1/agent")]
    [InlineData("127.0.0.1:notaport")]
    public void Rejects_what_is_no_agent_address_and_says_so(string text)
    {
        Assert.False(ConsulAgentAddress.TryParse(text, out _, out var error));
        Assert.Contains("host:port", error);
    }
}
