using Beamchain.Node.Text;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Shell;

/// <summary>For commands that take no arguments: anything after the name is a one-line error.</summary>
public static class NoArguments
{
    /// <summary>True (after printing what was wrong) when <paramref name="arguments"/> is not empty.</summary>
    public static async Task<bool> RefusedAsync(string command, string arguments, ShellConsole console)
    {
        if (arguments.Length == 0)
        {
            return false;
        }

        console.Log.LogWarning($"{command}: takes no arguments, got '{PrintableText.Echo(arguments)}'");
        return true;
    }
}
