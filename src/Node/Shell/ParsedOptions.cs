using System.Diagnostics.CodeAnalysis;

namespace Beamchain.Node.Shell;

/// <summary>Options, or an error that says what was wrong with the command line.</summary>
public sealed record ParsedOptions(NodeOptions? Options, string? Error)
{
    [MemberNotNullWhen(true, nameof(Options))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Options is not null;

    public static ParsedOptions Ok(NodeOptions options) => new(options, null);

    public static ParsedOptions Fail(string error) => new(null, error);
}
