namespace Beamchain.WatAssembler;

/// <summary>
/// One node of WebAssembly text: an atom (a keyword, a number, a <c>$name</c>, or a string, kept
/// with its quotes) or a parenthesised list. Positions are kept for error messages.
/// </summary>
public sealed record SExpression(string? Atom, IReadOnlyList<SExpression> Items, int Line, int Column)
{
    public bool IsAtom => Atom is not null;

    public bool IsList => Atom is null;

    /// <summary>The keyword a list starts with (<c>func</c> in <c>(func ...)</c>), or null.</summary>
    public string? Head => IsList && Items.Count > 0 && Items[0].IsAtom ? Items[0].Atom : null;

    public bool IsName => Atom is ['$', ..];

    public bool IsString => Atom is ['"', ..];

    public WatException Error(string message) => new(message, Line, Column);

    public override string ToString() => Atom ?? $"({string.Join(' ', Items)})";
}
