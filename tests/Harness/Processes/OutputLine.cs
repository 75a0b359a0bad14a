namespace Beamchain.Harness.Processes;

/// <summary>One line a node process printed, with when it arrived (<see cref="System.Diagnostics.Stopwatch"/> ticks) and on which stream.</summary>
public sealed record OutputLine(long At, string Text, bool OnError);
