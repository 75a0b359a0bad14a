using System.Text.Json;
using Beamchain.Node.Cluster;
using Beamchain.Node.Status;

namespace Beamchain.Node.Tests.Status;

/// <summary><c>status --json</c> from the built node, read as a program would: one line of standard output, parsed.</summary>
public sealed class StatusJsonProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Status_json_from_a_mining_node_is_one_document_naming_its_store_members_and_device()
    {
        var exit = await BuiltNode.RunAsync(
            ["--data-dir", _dir.Path, "--cluster", "single", "--port", "0", "--node-name", "json-a", "--device", "cpu", "--cpu-threads", "1"],
            TimeSpan.FromSeconds(90),
            "mine first\nstatus --json\n"u8.ToArray());

        Assert.True(exit.Code == 0, $"exit {exit.Code}; stderr: {exit.Error}");
        var line = Assert.Single(exit.Output.Split('\n'), l => l.StartsWith('{'));
        var status = JsonSerializer.Deserialize(line, StatusJsonContext.Default.StatusDocument)!;
        Assert.Equal(StatusDocument.CurrentVersion, status.Version);
        Assert.Equal("json-a", status.Node);
        Assert.Equal([status.Address], status.Members);
        Assert.Equal(new NamedMember(status.Address, "json-a"), Assert.Single(status.MemberNames));
        Assert.Equal(status.Address, status.Chain.Host);
        Assert.Equal(status.Address, status.Dispenser.Host);
        Assert.Equal("cpu", Assert.Single(status.Devices).Kind);
        Assert.Equal(_dir.Path, status.Store.Directory);
        Assert.False(status.Store.Failed);
        Assert.Null(status.Gateway);
        Assert.NotNull(status.Clock);
    }
}
