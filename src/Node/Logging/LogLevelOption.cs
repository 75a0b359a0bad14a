using System.CommandLine;
using Beamchain.CommandLine;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Logging;

/// <summary><c>--log-level</c> for every command that logs (the node, <c>worker</c>): how much goes to standard error (<see cref="NodeLogging"/>).</summary>
public static class LogLevelOption
{
    public static Option<LogLevel> Create(string description) =>
        OptionValues.Read("--log-level", "level", description, OptionValues.OneOf<LogLevel>("--log-level"));
}
