using System.Text.Json;
using Beamchain.Node.Grid;

namespace Beamchain.Node.Tests.Grid;

/// <summary>A volunteer's socket for <see cref="GridPool"/> unit tests: keeps every frame the pool sends it.</summary>
public sealed class RecordingPeer : IGridPeer
{
    private readonly List<JsonElement> _frames = [];

    public IReadOnlyList<JsonElement> Frames => _frames;

    public GridError? ClosedWith { get; private set; }

    /// <summary>The <c>work</c> notifications received, in order.</summary>
    public IReadOnlyList<TestWork> Works => _frames
        .Where(f => f.TryGetProperty("method", out var m) && m.GetString() == "work")
        .Select(f => TestWork.From(f.GetProperty("params")))
        .ToArray();

    public void Send(byte[] frame) => _frames.Add(JsonDocument.Parse(frame).RootElement.Clone());

    public void Close(GridError error, string? idJson = null) => ClosedWith = error;

    public void GoAway()
    {
    }
}
