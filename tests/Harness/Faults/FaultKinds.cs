namespace Beamchain.Harness.Faults;

/// <summary>Parses <c>--faults kill,pause,partition,consul,clock,bridge</c>: a comma list, each kind once.</summary>
public static class FaultKinds
{
    public static bool TryParse(string text, out IReadOnlyList<FaultKind> kinds, out string? error)
    {
        var parsed = new List<FaultKind>();
        kinds = parsed;
        error = null;
        foreach (var word in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<FaultKind>(word, ignoreCase: true, out var kind) || int.TryParse(word, out _))
            {
                error = $"--faults takes a comma list of kill, pause, partition, consul, clock, bridge; got '{word}'";
                return false;
            }

            if (parsed.Contains(kind))
            {
                error = $"--faults names {word} twice";
                return false;
            }

            parsed.Add(kind);
        }

        return true;
    }
}
