using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;
using Beamchain.Node.Grid;

namespace Beamchain.Node.Worker;

/// <summary>
/// One connection of a volunteer to a gateway: says hello, keeps the works the gateway sends,
/// hashes them in order on the searcher (in slices, so a new job drops old work at once),
/// submits every share, and reports progress with cumulative <c>done</c> counts, every message
/// paced to stay inside the budget the gateway states in hello's answer (<see cref="SendPace"/>).
/// </summary>
public sealed class WorkerSession(ClientWebSocket socket, INonceSearcher searcher, WorkerTally tally, double duty, TimeProvider time, Action<string> log)
{
    // Long enough that a search's start-up is noise, short enough that a new job is taken up quickly.
    private static readonly TimeSpan SliceTime = TimeSpan.FromMilliseconds(50);
    // As often as the gateway reports progress to the dispenser (its 250 ms tick): what is hashed
    // of a work when a block lands elsewhere is credited only if the gateway has heard of it.
    private static readonly TimeSpan DoneEvery = TimeSpan.FromMilliseconds(250);
    private const ulong FirstSlice = 1 << 16;

    private readonly SemaphoreSlim _sendGate = new(1, 1);
    // Replaced once, by the budget hello's answer states (a message sent meanwhile may take the old pace's turn).
    private MessageBudget _pace = SendPace.Within(SendPace.DefaultGatewayPerSecond, SendPace.DefaultGatewayBurst, time);
    private readonly Lock _gate = new();
    private readonly LinkedList<WorkerWork> _works = new();
    private readonly Dictionary<long, string> _pending = [];
    private TaskCompletionSource _workArrived = NewSignal();
    private CancellationTokenSource _jobCancel = new();
    private string? _jobId;
    private BlockHeader? _header;
    private long _nextId = 1;

    /// <summary>The session id the gateway gave; null until hello is answered.</summary>
    public string? Session { get; private set; }

    /// <summary>The error the gateway sent before closing, if any.</summary>
    public GridErrorCode? ClosedWith { get; private set; }

    /// <summary>Runs until the socket closes or <paramref name="stop"/>; on stop says <c>stop</c> so the gateway re-issues the open work at once.</summary>
    public async Task RunAsync(string? token, CancellationToken stop)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stop);
        await SendAsync("hello", w =>
        {
            w.WriteString("engine", $"beamchain-worker/1 {searcher.Kind.ToString().ToLowerInvariant()}");
            if (token is not null)
            {
                w.WriteString("token", token);
            }
        }, stop);
        var hashing = Task.Factory.StartNew(() => HashLoopAsync(ended.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        try
        {
            await ReceiveLoopAsync(stop);
        }
        finally
        {
            await ended.CancelAsync();
            lock (_gate)
            {
                _jobCancel.Cancel();
            }

            await hashing.ContinueWith(_ => { }, TaskScheduler.Default);
            if (stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                using var bye = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await SendAsync("stop", _ => { }, bye.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "stop", bye.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken stop)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (socket.State == WebSocketState.Open)
        {
            buffer.Clear();
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.GetMemory(4096), stop);
                buffer.Advance(received.Count);
            }
            while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                log($"worker: the gateway closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})");
                return;
            }

            using var message = JsonDocument.Parse(buffer.WrittenMemory);
            Handle(message.RootElement);
        }
    }

    private void Handle(JsonElement message)
    {
        if (message.TryGetProperty("method", out var method))
        {
            var p = message.GetProperty("params");
            switch (method.GetString())
            {
                case "job":
                    OnJob(p.GetProperty("job").GetString()!, p.GetProperty("header").GetString()!, p.GetProperty("clean").GetBoolean());
                    break;
                case "work":
                    OnWork(new WorkerWork(
                        p.GetProperty("work").GetInt64(),
                        p.GetProperty("job").GetString()!,
                        new NonceRange(ulong.Parse(p.GetProperty("start").GetString()!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), p.GetProperty("count").GetUInt64()),
                        Hash256.Parse(p.GetProperty("shareTarget").GetString()!)));
                    break;
                case "stop":
                    OnJob(null, null, clean: true);
                    break;
            }

            return;
        }

        string? sent = null;
        if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
        {
            lock (_gate)
            {
                _pending.Remove(id.GetInt64(), out sent);
            }
        }

        if (message.TryGetProperty("error", out var error))
        {
            var code = (GridErrorCode)error.GetProperty("code").GetInt32();
            if (sent == "submit")
            {
                tally.Rejected();
            }

            if (id.ValueKind == JsonValueKind.Null)
            {
                ClosedWith = code;
            }

            log($"worker: the gateway refused {sent ?? "the session"}: {(int)code} {error.GetProperty("message").GetString()}: {error.GetProperty("data").GetString()}");
            return;
        }

        var result = message.GetProperty("result");
        if (sent == "hello")
        {
            Session = result.GetProperty("session").GetString();
            if (result.TryGetProperty("limits", out var limits))
            {
                Volatile.Write(ref _pace, SendPace.Within(limits.GetProperty("messagesPerSecond").GetDouble(), limits.GetProperty("burst").GetInt32(), time));
            }

            tally.SessionStarted(time.GetTimestamp());
            log($"worker: session {Session} with the gateway");
        }
        else if (sent == "submit")
        {
            tally.Accepted(result.GetProperty("block").GetBoolean());
        }
    }

    private void OnJob(string? jobId, string? headerHex, bool clean)
    {
        lock (_gate)
        {
            if (clean || jobId != _jobId)
            {
                _jobCancel.Cancel();
                _jobCancel.Dispose();
                _jobCancel = new CancellationTokenSource();
                _works.Clear();
            }

            _jobId = jobId;
            _header = headerHex is null ? null : BlockHeader.Decode(Convert.FromHexString(headerHex));
        }
    }

    private void OnWork(WorkerWork work)
    {
        lock (_gate)
        {
            if (work.JobId != _jobId)
            {
                return;
            }

            _works.AddLast(work);
            _workArrived.TrySetResult();
        }
    }

    private async Task HashLoopAsync(CancellationToken stop)
    {
        var rate = 0.0;
        while (!stop.IsCancellationRequested)
        {
            WorkerWork? work;
            BlockHeader? header;
            CancellationToken jobToken;
            Task arrived;
            lock (_gate)
            {
                work = _works.First?.Value;
                header = _header;
                jobToken = _jobCancel.Token;
                if (work is not null)
                {
                    _works.RemoveFirst();
                }
                else if (_workArrived.Task.IsCompleted)
                {
                    _workArrived = NewSignal();
                }

                arrived = _workArrived.Task;
            }

            if (work is null || header is null)
            {
                await arrived.WaitAsync(stop).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop, jobToken);
            var job = new SearchJob(header, work.ShareTarget);
            ulong hashed = 0;
            var lastDone = time.GetTimestamp();
            while (hashed < work.Range.Count && !cancel.IsCancellationRequested)
            {
                var count = Math.Min(work.Range.Count - hashed, rate > 0 ? (ulong)Math.Max(4096, rate * SliceTime.TotalSeconds) : FirstSlice);
                var started = time.GetTimestamp();
                var found = QualifyingNonces.Find(searcher, job, new NonceRange(work.Range.Start + hashed, count), cancel.Token);
                var elapsed = time.GetElapsedTime(started);
                if (found is null)
                {
                    break; // a new job or a stop: this work is worthless now
                }

                hashed += count;
                tally.Hashed(count);
                rate = count / Math.Max(elapsed.TotalSeconds, 1e-4);

                // A share that is also a block ends the job: it goes first, so the job ends without
                // waiting behind the others. The others still go: they arrive stale, but the gateway
                // counts a stale share of the job just ended towards the verified rate, and leaving
                // them out made the gateway's measure of this worker read low by their share.
                var blockTarget = CompactTarget.Decode(header.Bits);
                var block = found.FirstOrDefault(n => header.WithNonce(n).Hash() <= blockTarget, ulong.MaxValue);
                if (block != ulong.MaxValue)
                {
                    found = [block, .. found.Where(n => n != block)];
                }

                foreach (var nonce in found)
                {
                    await SendAsync("submit", w =>
                    {
                        w.WriteNumber("work", work.Id);
                        w.WriteString("nonce", GridMessages.Hex64(nonce));
                    }, stop);
                }

                if (hashed == work.Range.Count || time.GetElapsedTime(lastDone) >= DoneEvery)
                {
                    lastDone = time.GetTimestamp();
                    var total = hashed;
                    await SendAsync("done", w =>
                    {
                        w.WriteNumber("work", work.Id);
                        w.WriteNumber("hashed", total);
                    }, stop);
                }

                if (block != ulong.MaxValue)
                {
                    break; // the job is over: wait for the next
                }

                if (duty < 1)
                {
                    // Rest so that hashing takes the asked share of the time.
                    await Task.Delay(elapsed * ((1 - duty) / duty), time, cancel.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
    }

    private async Task SendAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        long id;
        lock (_gate)
        {
            id = _nextId++;
            _pending[id] = method;
        }

        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WriteStartObject("params");
            writeParams(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            // At easy targets a slice can hold dozens of shares (each a block): they wait their turn.
            if (Volatile.Read(ref _pace).TakeTurn() is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
