using System.Net;
using System.Security.Cryptography.X509Certificates;
using Beamchain.Kernels.Search;
using Beamchain.Node.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Grid;

/// <summary>
/// A node's gateway for volunteers: a Kestrel host on its own port (not the cluster's),
/// serving the grid protocol at <c>/grid</c> and the gateway's figures as JSON at
/// <c>/api/grid</c>, and beside them the node's web surface (<see cref="WebSurface"/>: the
/// dashboard, the browser miner, <c>/api/…</c>, <c>/metrics</c>). The pool's lease loop runs as
/// one of the node's miners (<see cref="GridMiner"/>); the auditor on a thread of its own.
/// </summary>
public sealed class GridGateway : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(3);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop;
    private readonly Task _auditing;
    private readonly INonceSearcher _auditSearcher;
    private readonly WebSurface _web;

    private GridGateway(WebApplication app, GridPool pool, Uri address, Task auditing, INonceSearcher auditSearcher, WebSurface web, CancellationTokenSource stop)
    {
        _app = app;
        _web = web;
        Pool = pool;
        Address = address;
        _auditing = auditing;
        _auditSearcher = auditSearcher;
        _stop = stop;
    }

    public GridPool Pool { get; }

    /// <summary>Where volunteers connect: <c>ws[s]://host:port/grid</c>.</summary>
    public Uri Address { get; }

    /// <summary>The node's pages, as <c>http[s]://host:port/</c>.</summary>
    public Uri WebAddress => new UriBuilder(Address) { Scheme = Address.Scheme == "wss" ? "https" : "http", Path = "/" }.Uri;

    /// <summary>The node's web surface (dashboard, APIs, metrics) served beside the grid.</summary>
    public WebSurface Web => _web;

    /// <summary>
    /// Starts listening, serving <paramref name="web"/> beside the grid (the gateway owns it from
    /// here); throws <see cref="IOException"/> (port taken) or <see cref="ArgumentException"/> (bad host, certificate).
    /// </summary>
    public static async Task<GridGateway> StartAsync(GridSettings settings, GridPool pool, INonceSearcher auditSearcher, TimeProvider time, WebSurface web)
    {
        var address = settings.Host switch
        {
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(settings.Host, out var parsed) => parsed,
            _ => throw new ArgumentException($"--grid-host takes an IP address (127.0.0.1, 0.0.0.0, ::) or localhost, got '{settings.Host}'"),
        };
        var certificate = settings.CertificateFile is { } file ? GatewayCertificate.Load(file, settings.CertificatePassword) : null;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        web.AddServices(builder.Services);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, settings.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        var limits = new ConnectionLimits(settings, time);
        var stop = new CancellationTokenSource();
        MapEndpoints(app, settings, pool, limits, time, stop.Token);
        web.Map(app);
        await app.StartAsync();
        web.Start();

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        var host = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? Dns.GetHostName() : settings.Host;
        var url = new Uri($"{(certificate is null ? "ws" : "wss")}://{(host.Contains(':') ? $"[{host}]" : host)}:{port}/grid");
        var auditor = new GridAuditor(pool, auditSearcher, time);
        var auditing = Task.Run(() => auditor.RunAsync(stop.Token));
        return new GridGateway(app, pool, url, auditing, auditSearcher, web, stop);
    }

    /// <summary>Tells every volunteer the gateway is going away (their works go back to the pool), then stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        Pool.CloseAll();
        using (var drain = new CancellationTokenSource(ShutdownGrace))
        {
            // Kestrel waits this long for the sockets to finish their close handshakes.
            await _app.StopAsync(drain.Token);
        }

        await _stop.CancelAsync();
        await _web.DisposeAsync();
        await _app.DisposeAsync();
        await _auditing.ContinueWith(_ => { }, TaskScheduler.Default);
        _auditSearcher.Dispose();
        _stop.Dispose();
    }

    private static void MapEndpoints(WebApplication app, GridSettings settings, GridPool pool, ConnectionLimits limits, TimeProvider time, CancellationToken stop)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Map("/grid", context => ServeVolunteerAsync(context, settings, pool, limits, time, stop));
        // Public: anyone who reaches the port may read it, so volunteers show by id, not address.
        app.MapGet("/api/grid", () => Results.Json(pool.Status().ForPublic()));
    }

    private static async Task ServeVolunteerAsync(HttpContext context, GridSettings settings, GridPool pool, ConnectionLimits limits, TimeProvider time, CancellationToken stop)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("this is the grid's WebSocket endpoint: connect with a WebSocket client (see the README, \"The protocol\")\n");
            return;
        }

        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        GridError? refusal = null;
        if (!OriginAllowed(context.Request, settings))
        {
            refusal = new GridError(GridErrorCode.Unauthorized, $"pages from {context.Request.Headers.Origin} may not mine here; the gateway's operator can allow them with --grid-origin");
        }
        else if (!limits.TryAdmit(address, out refusal))
        {
            refusal ??= new GridError(GridErrorCode.TooManyConnections, "refused");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new GridConnection(socket);
        if (refusal is not null)
        {
            // Accepted only to say why: a browser cannot read an HTTP refusal of a WebSocket.
            await connection.RefuseAsync(refusal);
            return;
        }

        try
        {
            await connection.RunAsync(pool, settings, address, time, stop);
        }
        finally
        {
            limits.Release(address);
        }
    }

    /// <summary>Programs send no Origin; a browser page may mine from the gateway's own origin or one the operator allowed.</summary>
    private static bool OriginAllowed(HttpRequest request, GridSettings settings)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (settings.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
