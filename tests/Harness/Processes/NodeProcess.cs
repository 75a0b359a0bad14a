using System.Diagnostics;

namespace Beamchain.Harness.Processes;

/// <summary>
/// A real node process (<c>dotnet beamchain.dll …</c>) on 127.0.0.1 with its own port and data
/// directory, driven like a person would: commands written to its standard input, its
/// output read line by line (each line timed on arrival). Faults are real signals: SIGKILL,
/// SIGSTOP/SIGCONT, SIGTERM.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<OutputLine> _lines = [];
    private readonly List<(Func<OutputLine, bool> Match, TaskCompletionSource<OutputLine> Found)> _waiters = [];
    private readonly Task _reading;
    private string? _address;

    private NodeProcess(Process process, string name, string host, int port, string dataDirectory)
    {
        _process = process;
        Name = name;
        Host = host;
        Port = port;
        DataDirectory = dataDirectory;
        _reading = Task.WhenAll(ReadAsync(process.StandardOutput, onError: false), ReadAsync(process.StandardError, onError: true));
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>The address the node listens on (127.0.0.1 unless it runs in its own network namespace).</summary>
    public string Host { get; }

    /// <summary>Where the node listens: its start port, or the address it printed when it last joined the cluster again (a dropped node rejoins on a new port).</summary>
    public string Address
    {
        get
        {
            lock (_gate)
            {
                return _address ?? $"{Host}:{Port}";
            }
        }
    }

    public string DataDirectory { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<OutputLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="nodeDll"/> (beamchain.dll) with the dotnet host running this process,
    /// listening on <paramref name="host"/>; through <paramref name="launcher"/> when given (e.g.
    /// <c>ip netns exec …</c>, which runs it in a network namespace under the same process id).
    /// </summary>
    public static NodeProcess Start(string nodeDll, string name, int port, string dataDirectory, IEnumerable<string> arguments, string host = "127.0.0.1", IReadOnlyList<string>? launcher = null)
    {
        var start = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (launcher is { Count: > 0 })
        {
            foreach (var part in launcher.Skip(1).Append(DotnetHost()))
            {
                start.ArgumentList.Add(part);
            }
        }

        start.ArgumentList.Add(nodeDll);
        foreach (var argument in new[] { "--name", name, "--host", host, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDirectory }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {nodeDll}"), name, host, port, dataDirectory);
    }

    /// <summary>
    /// Starts <paramref name="nodeDll"/> with exactly <paramref name="arguments"/>, e.g. a <c>worker</c>: no node options added;
    /// <paramref name="environment"/> adds to the variables it inherits.
    /// </summary>
    public static NodeProcess StartCommand(string nodeDll, string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }

        start.ArgumentList.Add(nodeDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {nodeDll}"), name, "", 0, "");
    }

    /// <summary>Types <paramref name="command"/> at the node's prompt.</summary>
    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The first line from <paramref name="from"/> on (a line index) that matches; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public async Task<OutputLine> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what, int from = 0)
    {
        Task<OutputLine> found;
        lock (_gate)
        {
            for (var i = from; i < _lines.Count; i++)
            {
                if (match(_lines[i].Text))
                {
                    return _lines[i];
                }
            }

            var waiter = (Match: (Func<OutputLine, bool>)(line => match(line.Text)), Found: new TaskCompletionSource<OutputLine>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            found = waiter.Found.Task;
        }

        try
        {
            return await found.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name}: waited {timeout.TotalSeconds:0.#} s for {what}; its last lines:\n{string.Join('\n', Lines.TakeLast(15).Select(l => l.Text))}");
        }
    }

    /// <summary>SIGKILL: the process dies without a word. Returns once it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Sends a signal by name (STOP, CONT, TERM, INT) with the system's kill command.</summary>
    public void Signal(string signal) => ProcessSignal.Send(ProcessId, signal);

    /// <summary>Closes standard input (the node finishes its queued requests and leaves) or just waits; kills it after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, bool closeInput = false)
    {
        if (closeInput && !_process.HasExited)
        {
            _process.StandardInput.Close();
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0.#} s; its last lines:\n{string.Join('\n', Lines.TakeLast(15).Select(l => l.Text))}");
        }

        await _reading;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _reading;
        _process.Dispose();
    }

    private async Task ReadAsync(StreamReader reader, bool onError)
    {
        while (await reader.ReadLineAsync() is { } text)
        {
            var line = new OutputLine(Stopwatch.GetTimestamp(), text, onError);
            lock (_gate)
            {
                _lines.Add(line);
                if (text.StartsWith($"{Name}: joined ", StringComparison.Ordinal) && text.IndexOf(" again as member ", StringComparison.Ordinal) > 0)
                {
                    var on = text.IndexOf(" on ", StringComparison.Ordinal);
                    _address = text[(on + 4)..text.IndexOf(' ', on + 4)];
                }

                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToArray())
                {
                    waiter.Found.TrySetResult(line);
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    /// <summary>The dotnet host to run beamchain.dll with: the one <c>dotnet test</c> names in DOTNET_HOST_PATH, else this process's, else the one on PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
