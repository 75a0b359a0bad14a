using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Beamchain.Node.Grid;

/// <summary>
/// One volunteer's WebSocket: reads frames (at most <see cref="GridSettings.MaxFrameBytes"/>),
/// applies the message budget, parses each request and hands it to the <see cref="GridPool"/>;
/// writes what the pool queues, in order, on its own task so the pool never waits on a socket.
/// </summary>
public sealed class GridConnection : IGridPeer
{
    // A volunteer that lets this many frames pile up unread is too slow to serve.
    private const int MaxQueuedFrames = 256;
    private const int MaxEngineLength = 64;
    private const int MaxTokenLength = 256;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxQueuedFrames) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _gate = new();
    private (WebSocketCloseStatus Status, string Description)? _close;

    public GridConnection(WebSocket socket)
    {
        _socket = socket;
    }

    public void Send(byte[] frame)
    {
        if (!_outbox.Writer.TryWrite(frame))
        {
            Close(new GridError(GridErrorCode.RateLimited, $"more than {MaxQueuedFrames} messages waited to be sent: the volunteer does not read them"));
        }
    }

    public void Close(GridError error, string? idJson = null)
    {
        lock (_gate)
        {
            if (_close is not null)
            {
                return;
            }

            _outbox.Writer.TryWrite(GridMessages.Error(idJson, error));
            _close = (error.Closes ?? WebSocketCloseStatus.PolicyViolation, error.Name);
            _outbox.Writer.TryComplete();
        }

        // Cancelling a receive aborts the socket, which would lose the error frame: the volunteer
        // gets a moment to read it and answer the close.
        _closed.CancelAfter(CloseGrace);
    }

    public void GoAway() => CloseWithout(WebSocketCloseStatus.EndpointUnavailable, "the node is stopping");

    private void CloseNormally() => CloseWithout(WebSocketCloseStatus.NormalClosure, "stop");

    private void CloseWithout(WebSocketCloseStatus status, string description)
    {
        lock (_gate)
        {
            if (_close is not null)
            {
                return;
            }

            _close = (status, description);
            _outbox.Writer.TryComplete();
        }

        _closed.CancelAfter(CloseGrace);
    }

    /// <summary>Sends why the connection is refused and closes it, without opening a session.</summary>
    public async Task RefuseAsync(GridError refusal)
    {
        Close(refusal);
        await SendLoopAsync();
    }

    /// <summary>Serves the socket until either side closes it; the volunteer's open works then go back to the pool.</summary>
    public async Task RunAsync(GridPool pool, GridSettings settings, IPAddress address, TimeProvider time, CancellationToken stop)
    {
        var client = pool.Open(address, this);
        var sending = SendLoopAsync();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _closed.Token);
        var budget = new MessageBudget(settings.MessagesPerSecond, settings.MessageBurst, time);
        var buffer = new byte[GridSettings.MaxFrameBytes];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (length == buffer.Length)
                    {
                        pool.Refuse(client, null, new GridError(GridErrorCode.FrameTooLarge, $"a frame may hold at most {GridSettings.MaxFrameBytes} bytes"));
                        return;
                    }

                    received = await _socket.ReceiveAsync(buffer.AsMemory(length), linked.Token);
                    length += received.Count;
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    CloseNormally();
                    return;
                }

                if (!budget.TryTake())
                {
                    if (budget.Refused > settings.MaxRefusedMessages)
                    {
                        Close(new GridError(GridErrorCode.RateLimited, $"{budget.Refused} messages over the limit of {settings.MessagesPerSecond} a second; closing"));
                        return;
                    }

                    if (budget.AnswerRefusal())
                    {
                        pool.Refuse(client, null, new GridError(GridErrorCode.RateLimited, $"more than {settings.MessagesPerSecond} messages a second (bursts of {settings.MessageBurst}); this one was not read (nor are the next ones over the limit, answered at most once a second)"));
                    }
                    else
                    {
                        pool.CountRefused(client, GridErrorCode.RateLimited);
                    }

                    continue;
                }

                if (received.MessageType != WebSocketMessageType.Text)
                {
                    pool.Refuse(client, null, new GridError(GridErrorCode.InvalidRequest, "the grid protocol uses text frames only"));
                    continue;
                }

                Dispatch(pool, client, buffer.AsMemory(0, length));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed by us (Close), by the node stopping, or by the volunteer going away.
        }
        finally
        {
            pool.Leave(client);
            _outbox.Writer.TryComplete();
            await sending;
            _closed.Dispose();
        }
    }

    private void Dispatch(GridPool pool, GridClient client, ReadOnlyMemory<byte> frame)
    {
        if (!GridRequest.TryParse(frame, out var request, out var idJson, out var error))
        {
            pool.Refuse(client, idJson, error);
            return;
        }

        switch (request.Method)
        {
            case "hello":
                if (!request.TryGetString("engine", MaxEngineLength, out var engine, out error) || !request.TryGetString("token", MaxTokenLength, out var token, out error))
                {
                    pool.Refuse(client, request.IdJson, error);
                    return;
                }

                pool.Hello(client, request.IdJson, engine ?? "", token);
                return;
            case "submit":
                if (!request.TryGetWorkId(out var workId, out error) || !request.TryGetHex64("nonce", out var nonce, out error))
                {
                    pool.Refuse(client, request.IdJson, error);
                    return;
                }

                pool.Submit(client, request.IdJson, workId, nonce);
                return;
            case "done":
                if (!request.TryGetWorkId(out workId, out error) || !request.TryGetCount("hashed", out var hashed, out error))
                {
                    pool.Refuse(client, request.IdJson, error);
                    return;
                }

                pool.Done(client, request.IdJson, workId, hashed);
                return;
            case "stop":
                pool.Leave(client);
                Send(GridMessages.True(request.IdJson));
                CloseNormally();
                return;
            default:
                pool.Refuse(client, request.IdJson, new GridError(GridErrorCode.MethodNotFound, $"no method '{request.Method}'; the methods are hello, submit, done and stop"));
                return;
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync())
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }

            (WebSocketCloseStatus Status, string Description)? close;
            lock (_gate)
            {
                close = _close;
            }

            if (close is { } c && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(c.Status, c.Description, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The volunteer went away; its works are handed back by the receive side.
        }
    }
}
