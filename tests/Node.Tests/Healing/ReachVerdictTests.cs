using Beamchain.Node.Healing;

namespace Beamchain.Node.Tests.Healing;

public class ReachVerdictTests
{
    private static readonly string[] Three = ["m1", "m2", "m3"];

    [Fact]
    public void Nobody_leaves_when_everyone_reaches_everyone()
    {
        Assert.Empty(ReachVerdict.Leavers(Three, new Dictionary<string, IReadOnlyList<string>> { ["m1"] = [], ["m2"] = [] }));
    }

    [Fact]
    public void Of_two_that_cannot_reach_each_other_the_greater_id_leaves_whoever_reported_it()
    {
        Assert.Equal(["m2"], ReachVerdict.Leavers(Three, new Dictionary<string, IReadOnlyList<string>> { ["m1"] = ["m2"], ["m2"] = ["m1"] }));
        Assert.Equal(["m2"], ReachVerdict.Leavers(Three, new Dictionary<string, IReadOnlyList<string>> { ["m1"] = ["m2"] }));
        Assert.Equal(["m2"], ReachVerdict.Leavers(Three, new Dictionary<string, IReadOnlyList<string>> { ["m2"] = ["m1"] }));
    }

    [Fact]
    public void The_member_cut_from_most_others_leaves_and_its_pairs_with_it()
    {
        // m5 cannot reach m1, m2 or m3; m1 cannot reach m2 either. m5 goes first (three pairs),
        // then one of m1 and m2 (one pair each, the greater id).
        var reports = new Dictionary<string, IReadOnlyList<string>> { ["m5"] = ["m1", "m2", "m3"], ["m1"] = ["m2"] };
        Assert.Equal(["m5", "m2"], ReachVerdict.Leavers(["m1", "m2", "m3", "m4", "m5"], reports));

        // Pairs {m1, m3}, {m1, m4}, {m2, m4}: m1 and m4 are in two each, so m4 (the greater) goes;
        // then {m1, m3} is left, and m3 goes.
        reports = new Dictionary<string, IReadOnlyList<string>> { ["m1"] = ["m3", "m4"], ["m4"] = ["m2"] };
        Assert.Equal(["m4", "m3"], ReachVerdict.Leavers(["m1", "m2", "m3", "m4", "m5"], reports));
    }

    [Fact]
    public void Reports_by_or_about_members_no_longer_listed_are_ignored()
    {
        var reports = new Dictionary<string, IReadOnlyList<string>> { ["gone"] = ["m1"], ["m1"] = ["gone", "m1"] };
        Assert.Empty(ReachVerdict.Leavers(Three, reports));
    }

    [Fact]
    public void A_member_cut_from_all_the_others_is_the_one_to_leave()
    {
        var reports = new Dictionary<string, IReadOnlyList<string>> { ["m1"] = ["m2", "m3"], ["m2"] = ["m1"], ["m3"] = ["m1"] };
        Assert.Equal(["m1"], ReachVerdict.Leavers(Three, reports));
    }
}
