using System.Globalization;
using System.Text.Json;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Tests.Grid;

/// <summary>A <c>work</c> notification as a test reads it.</summary>
public sealed record TestWork(long Id, string JobId, NonceRange Range, Hash256 ShareTarget)
{
    public static TestWork From(JsonElement p) => new(
        p.GetProperty("work").GetInt64(),
        p.GetProperty("job").GetString()!,
        new NonceRange(ulong.Parse(p.GetProperty("start").GetString()!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), p.GetProperty("count").GetUInt64()),
        Hash256.Parse(p.GetProperty("shareTarget").GetString()!));
}
