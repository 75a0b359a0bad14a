using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Tests.Grid;

/// <summary>
/// A volunteer written from the README's protocol table only: raw JSON over a WebSocket, every
/// received frame kept, so a test can behave badly on purpose and see exactly what the gateway answers.
/// </summary>
public sealed class GridTestClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;
    private readonly Lock _gate = new();
    private readonly List<JsonElement> _received = [];
    private readonly List<(Func<JsonElement, bool> Match, TaskCompletionSource<JsonElement> Found)> _waiters = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _receiving;
    private long _nextId = 1;

    private GridTestClient(ClientWebSocket socket)
    {
        _socket = socket;
        _receiving = ReceiveLoopAsync();
    }

    public IReadOnlyList<JsonElement> Received
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public Task Closed => _closed.Task;

    public static async Task<GridTestClient> ConnectAsync(Uri gateway, string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        await socket.ConnectAsync(gateway, CancellationToken.None);
        return new GridTestClient(socket);
    }

    public async Task<long> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }) };
        await SendRawAsync(request.ToJsonString());
        return id;
    }

    public Task SendRawAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Sends and awaits the answer (result or error) to that request.</summary>
    public async Task<JsonElement> CallAsync(string method, object? parameters = null)
    {
        var id = await SendAsync(method, parameters);
        return await WaitForAsync(m => m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt64() == id, $"the answer to {method} #{id}");
    }

    public async Task<string> HelloAsync(string? token = null)
    {
        var answer = await CallAsync("hello", token is null ? new { engine = "test-client/1" } : new { engine = "test-client/1", token });
        return answer.GetProperty("result").GetProperty("session").GetString()!;
    }

    public Task<JsonElement> NotificationAsync(string method, Func<JsonElement, bool>? match = null) =>
        WaitForAsync(m => m.TryGetProperty("method", out var x) && x.GetString() == method && (match?.Invoke(m.GetProperty("params")) ?? true), $"a '{method}' notification");

    /// <summary>The first frame matching, already received or yet to come.</summary>
    public Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string what, TimeSpan? timeout = null)
    {
        var found = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var frame in _received)
            {
                if (match(frame))
                {
                    return Task.FromResult(frame);
                }
            }

            _waiters.Add((match, found));
        }

        var wait = timeout ?? DefaultWait;
        return found.Task.WaitAsync(wait).ContinueWith(
            t => t.IsCompletedSuccessfully ? t.Result : throw new TimeoutException($"waited {wait.TotalSeconds:0} s for {what}; received: {string.Join(" | ", Received.Select(r => r.GetRawText()).TakeLast(8))}; close {CloseStatus}"),
            TaskScheduler.Default);
    }

    /// <summary>Works received (for the job given, or any), in order.</summary>
    public IReadOnlyList<TestWork> Works(string? jobId = null) => Received
        .Where(m => m.TryGetProperty("method", out var x) && x.GetString() == "work")
        .Select(m => TestWork.From(m.GetProperty("params")))
        .Where(w => jobId is null || w.JobId == jobId)
        .ToArray();

    public async Task<TestWork> WorkAsync(Func<TestWork, bool>? match = null) =>
        TestWork.From((await NotificationAsync("work", p => match?.Invoke(TestWork.From(p)) ?? true)).GetProperty("params"));

    public BlockHeader HeaderOf(string jobId)
    {
        var job = Received.Last(m => m.TryGetProperty("method", out var x) && x.GetString() == "job" && m.GetProperty("params").GetProperty("job").GetString() == jobId);
        return BlockHeader.Decode(Convert.FromHexString(job.GetProperty("params").GetProperty("header").GetString()!));
    }

    public Hash256 BlockTargetOf(string jobId) => CompactTarget.Decode(HeaderOf(jobId).Bits);

    /// <summary>Every nonce of <paramref name="range"/> whose hash meets <paramref name="target"/>.</summary>
    public IReadOnlyList<ulong> Qualifying(string jobId, NonceRange range, Hash256 target)
    {
        var midstate = new JobMidstate(new SearchJob(HeaderOf(jobId), target));
        var found = new List<ulong>();
        for (var nonce = range.Start; nonce < range.End; nonce++)
        {
            if (midstate.Qualifies(nonce))
            {
                found.Add(nonce);
            }
        }

        return found;
    }

    public Hash256 HashOf(string jobId, ulong nonce) => HeaderOf(jobId).WithNonce(nonce).Hash();

    public static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);

    public static int ErrorCode(JsonElement answer) => answer.GetProperty("error").GetProperty("code").GetInt32();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test done", timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await _receiving.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                buffer.Clear();
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer.GetMemory(4096), CancellationToken.None);
                    buffer.Advance(received.Count);
                }
                while (!received.EndOfMessage);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the close, as a well-behaved client does.
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                var frame = JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
                lock (_gate)
                {
                    _received.Add(frame);
                    foreach (var waiter in _waiters.Where(w => w.Match(frame)).ToArray())
                    {
                        waiter.Found.TrySetResult(frame);
                        _waiters.Remove(waiter);
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _closed.TrySetResult();
        }
    }
}
