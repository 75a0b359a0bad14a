namespace Beamchain.Node.Shell;

/// <summary>
/// One command-line option: its name, the placeholder of its value (null for a flag),
/// what it does, and how it sets <see cref="NodeOptions"/> (flags get an empty value).
/// </summary>
public sealed record NodeOption(string Name, string? ValueName, string Description, Func<NodeOptions, string, ParsedOptions> Apply)
{
    public bool TakesValue => ValueName is not null;
}
