using Beamchain.Node.Shell;

namespace Beamchain.Node.Tests.Shell;

public class CommandTableTests
{
    [Fact]
    public void Finds_commands_by_name_in_any_case()
    {
        var table = new CommandTable().Add(new ExitCommand());

        Assert.True(table.TryGet("EXIT", out var command));
        Assert.IsType<ExitCommand>(command);
        Assert.False(table.TryGet("quit", out _));
    }

    [Fact]
    public void Refuses_two_commands_with_one_name()
    {
        var table = new CommandTable().Add(new ExitCommand());

        Assert.Throws<ArgumentException>(() => table.Add(new ExitCommand()));
    }
}
