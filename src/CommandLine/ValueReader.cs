namespace Beamchain.CommandLine;

/// <summary>
/// Reads one option value; when the text is refused, <paramref name="error"/> says what was wrong
/// and names the option (it is the whole line the user sees); it is empty otherwise.
/// </summary>
public delegate bool ValueReader<T>(string text, out T value, out string error);
