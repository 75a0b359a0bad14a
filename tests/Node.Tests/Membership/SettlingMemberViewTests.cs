using Beamchain.Node.Membership.Consul;
using Microsoft.Extensions.Time.Testing;
using Proto.Cluster;

namespace Beamchain.Node.Tests.Membership;

public class SettlingMemberViewTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    [Fact]
    public void Without_an_outage_the_agents_answer_is_the_view()
    {
        var view = new SettlingMemberView(Settle, new FakeTimeProvider());
        Assert.Equal(["a", "b"], Ids(view.View(Members("a", "b"))));
        Assert.Equal(["b"], Ids(view.View(Members("b"))));
    }

    [Fact]
    public void After_the_agent_returns_members_not_registered_yet_are_kept_until_the_view_settles()
    {
        var time = new FakeTimeProvider();
        var view = new SettlingMemberView(Settle, time);
        view.View(Members("a", "b", "c"));

        view.AgentReturned(); // e.g. restarted with an empty catalog
        Assert.True(view.Settling);
        Assert.Equal(["a", "b", "c"], Ids(view.View(Members())));
        Assert.Equal(["a", "b", "c"], Ids(view.View(Members("b"))));

        time.Advance(Settle);
        Assert.False(view.Settling);
        Assert.Equal(["a", "b"], Ids(view.View(Members("a", "b")))); // c died meanwhile: now it leaves
    }

    private static IReadOnlyList<Member> Members(params string[] ids) =>
        ids.Select(id => new Member { Id = id, Host = "127.0.0.1", Port = 4000 + id[0] }).ToArray();

    private static string[] Ids(IReadOnlyList<Member> members) => members.Select(m => m.Id).ToArray();
}
