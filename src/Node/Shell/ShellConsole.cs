using Beamchain.Node.Text;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Shell;

/// <summary>
/// Where shell commands write: results to <see cref="Out"/> (standard output), errors and notices
/// through <see cref="Log"/> (standard error, with every other diagnostic line).
/// </summary>
public sealed record ShellConsole(SharedWriter Out, ILogger Log);
