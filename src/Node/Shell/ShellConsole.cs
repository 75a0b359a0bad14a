namespace Beamchain.Node.Shell;

/// <summary>Where shell commands write: results to <see cref="Out"/>, errors and notices to <see cref="Error"/>.</summary>
public sealed record ShellConsole(TextWriter Out, TextWriter Error);
