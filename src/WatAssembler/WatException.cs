namespace Beamchain.WatAssembler;

/// <summary>Text the assembler cannot take, with the line and column where it went wrong.</summary>
public sealed class WatException(string message, int line, int column)
    : Exception($"{line}:{column}: {message}")
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
