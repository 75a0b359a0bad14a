namespace Beamchain.Node.Shell;

/// <summary>The prompt's commands by name, in the order help lists them.</summary>
public sealed class CommandTable
{
    private readonly List<IShellCommand> _commands = [];

    public IReadOnlyList<IShellCommand> Commands => _commands;

    public CommandTable Add(IShellCommand command)
    {
        if (TryGet(command.Name, out _))
        {
            throw new ArgumentException($"a command named '{command.Name}' is already registered", nameof(command));
        }

        _commands.Add(command);
        return this;
    }

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IShellCommand? command)
    {
        command = _commands.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        return command is not null;
    }
}
