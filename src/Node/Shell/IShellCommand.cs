namespace Beamchain.Node.Shell;

/// <summary>One command of the node's prompt, registered in a <see cref="CommandTable"/>.</summary>
public interface IShellCommand
{
    /// <summary>The word that invokes it, e.g. <c>read</c>.</summary>
    string Name { get; }

    /// <summary>Its syntax for help, e.g. <c>read [&lt;from&gt; [&lt;count&gt;]] [--json]</c>.</summary>
    string Usage { get; }

    /// <summary>One line on what it does.</summary>
    string Summary { get; }

    /// <summary>Runs it; <paramref name="arguments"/> is the rest of the line after the name, unsplit.</summary>
    Task<CommandOutcome> RunAsync(string arguments, ShellConsole console, CancellationToken cancellationToken);
}
