using System.Reflection;
using Beamchain.Node.Cluster;
using NetArchTest.Rules;

namespace Beamchain.Node.Tests.Architecture;

/// <summary>
/// The rooms of src/Node (README, "Code map") and which way their dependencies run:
/// the chain and mining rooms are plain classes, unit-tested without a cluster; the grains
/// route messages to them; the cluster host wires the grains, membership and miners; the
/// shell and the gateway sit on top. A type that breaks a rule fails here, named.
/// </summary>
public sealed class RoomRulesTests
{
    private const string Root = "Beamchain.Node";

    private static readonly Assembly Node = typeof(ClusterNode).Assembly;

    /// <summary>Rooms that must not know the actor framework: their logic is tested without one.</summary>
    private static readonly string[] Plain = ["Chain", "Mining", "Healing", "Devices", "Text"];

    /// <summary>Each room, and the rooms it must not use: dependencies run one way, from the shell down to the chain.</summary>
    private static readonly (string Room, string[] Above)[] Layers =
    [
        ("Chain", ["Mining", "Grains", "Cluster", "Clock", "Membership", "Secret", "Grid", "Shell", "Status", "Worker", "Web", "Bench"]),
        ("Mining", ["Grains", "Cluster", "Clock", "Membership", "Secret", "Grid", "Shell", "Status", "Worker", "Web", "Bench"]),
        ("Grains", ["Cluster", "Membership", "Grid", "Shell", "Status", "Worker", "Web", "Bench"]),
        ("Cluster", ["Grid", "Shell", "Status", "Worker", "Web", "Bench"]),
    ];

    private static readonly string[] PlainInGrains = ["JobDriver", "JobStep", "MineQueue", "ReplicaLog", "PendingRequestStore", "SyncProgress"];

    public static TheoryData<string> PlainRooms => new(Plain);

    public static TheoryData<string, string[]> OneWay
    {
        get
        {
            var data = new TheoryData<string, string[]>();
            foreach (var (room, above) in Layers)
            {
                data.Add(room, above);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PlainRooms))]
    public void PlainRoomDoesNotUseTheActorFramework(string room)
    {
        var result = Types.InAssembly(Node)
            .That().ResideInNamespace($"{Root}.{room}")
            .ShouldNot().HaveDependencyOnAny("Proto")
            .GetResult();

        Assert.True(result.IsSuccessful, Describe(room, "Proto.Actor (Proto, Proto.Cluster, Proto.Remote)", result));
    }

    [Theory]
    [MemberData(nameof(OneWay))]
    public void RoomDoesNotUseTheRoomsAboveIt(string room, string[] above)
    {
        var result = Types.InAssembly(Node)
            .That().ResideInNamespace($"{Root}.{room}")
            .ShouldNot().HaveDependencyOnAny([.. above.Select(r => $"{Root}.{r}")])
            .GetResult();

        Assert.True(result.IsSuccessful, Describe(room, string.Join(", ", above), result));
    }

    [Fact]
    public void TheGrainsDecisionsAreTakenByPlainClasses()
    {
        // The grains route messages; what they decide lives in classes tested without a cluster.
        var plain = Types.InAssembly(Node)
            .That().ResideInNamespace($"{Root}.Grains")
            .And().HaveNameMatching($"^({string.Join('|', PlainInGrains)})$");
        Assert.Equal(PlainInGrains.Length, plain.GetTypes().Count());

        var result = plain.ShouldNot().HaveDependencyOnAny("Proto").GetResult();

        Assert.True(result.IsSuccessful, Describe("Grains", "Proto.Actor in its plain classes", result));
    }

    [Fact]
    public void EveryRoomNamedHereExists()
    {
        // A rule over a renamed room would pass on nothing.
        var namespaces = Node.GetTypes().Select(t => t.Namespace).ToHashSet();
        var named = Plain.Concat(Layers.Select(l => l.Room));
        Assert.All(named, room => Assert.Contains($"{Root}.{room}", namespaces));
    }

    private static string Describe(string room, string forbidden, TestResult result) =>
        $"{Root}.{room} must not use {forbidden}; these types do: "
        + string.Join("; ", result.FailingTypes?.Select(t => $"{t.FullName} ({t.Explanation})") ?? []);
}
