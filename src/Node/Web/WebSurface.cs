using Beamchain.Node.Grid;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Beamchain.Node.Web;

/// <summary>
/// What a node with a gateway serves people and their programs, beside the grid's <c>/grid</c>:
/// the dashboard (<c>/</c>, kept live by Server-Sent Events at <c>/events</c>), the browser miner
/// (<c>/miner</c>), <c>/api/chain</c>, <c>/api/status</c> and <c>/metrics</c>. Pages and scripts are
/// the files built into the node (<see cref="WebAssets"/>); nothing is fetched from elsewhere.
/// The gateway calls <see cref="AddServices"/> and <see cref="Map"/> while it builds its host, then
/// <see cref="Start"/>; disposing stops the watch and the meter.
/// </summary>
public sealed class WebSurface : IAsyncDisposable
{
    // Open dashboards per node: each holds one socket and at most one pending document.
    private const int MaxDashboards = 256;

    private readonly ClusterNode _node;
    private readonly WebAssets _assets = new();
    private readonly DashboardFeed _feed = new(MaxDashboards);
    private readonly NodeWatch _watch;
    private readonly NodeMetrics _metrics;
    private Func<CancellationToken, Task<string>>? _status;

    public WebSurface(ClusterNode node, GridPool pool, TimeProvider time)
    {
        _node = node;
        _metrics = new NodeMetrics(node.Name, node.Chain, node.Leases, () => _watch!.Latest);
        _watch = new NodeWatch(node, pool, _feed, time, _metrics.BlockMined);
    }

    /// <summary>The newest look at the node (what the dashboard and <c>/metrics</c> show).</summary>
    public NodeReading? Latest => _watch.Latest;

    public void AddServices(IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("beamchain", serviceInstanceId: _node.Name))
            .WithMetrics(metrics => metrics
                .AddMeter(NodeMetrics.MeterName)
                .AddView(instrument => _metrics.Owns(instrument) ? null : MetricStreamConfiguration.Drop)
                .AddPrometheusExporter());
    }

    public void Map(WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/events", context => ServeEventsAsync(context, stopping));
        app.MapGet("/api/chain", (HttpContext context) =>
        {
            var query = context.Request.Query;
            return ChainPage.TryParse(query["from"].FirstOrDefault(), query["count"].FirstOrDefault(), out var page, out var error)
                ? Results.Text(page.Write(_node.Chain), "application/json; charset=utf-8")
                : Results.Json(new { error = $"{error}; ask /api/chain?from=<height>&count=<1..{ChainPage.MaxCount}>" }, statusCode: StatusCodes.Status400BadRequest);
        });

        app.MapGet("/api/status", async context => await (await StatusAsync(context)).ExecuteAsync(context));

        // The pages themselves: /, /miner and their scripts; anything else is a 404 that says where to look.
        app.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], async context =>
        {
            if (!await _assets.TryServeAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync($"nothing at {context.Request.Path}: this node serves / (dashboard), /miner, /api/chain, /api/status, /api/grid, /metrics and /grid\n");
            }
        });
    }

    /// <summary>Serves <c>/api/status</c> from <paramref name="statusJson"/> (the node's status document, as <c>status --json</c> writes it).</summary>
    public void ServeStatus(Func<CancellationToken, Task<string>> statusJson) => _status = statusJson;

    public void Start() => _watch.Start();

    public async ValueTask DisposeAsync()
    {
        await _watch.DisposeAsync();
        _metrics.Dispose();
    }

    private async Task<IResult> StatusAsync(HttpContext context)
    {
        if (_status is not { } status)
        {
            return Results.Json(new { error = "this node does not serve its status document; run status at its prompt" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            return Results.Text(await status(context.RequestAborted), "application/json; charset=utf-8");
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            return Results.Json(new { error = "the chain or dispenser grain did not answer in time; try again in a few seconds" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private async Task ServeEventsAsync(HttpContext context, CancellationToken stopping)
    {
        using var subscription = _feed.TrySubscribe();
        if (subscription is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync($"{MaxDashboards} dashboards are open on this node already; try again later\n");
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";

        // Ends when the page goes away or the gateway stops (Kestrel would otherwise wait for the stream).
        using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await foreach (var document in subscription.ReadAllAsync(end.Token))
            {
                await context.Response.WriteAsync($"data: {document}\n\n", end.Token);
                await context.Response.Body.FlushAsync(end.Token);
            }
        }
        catch (OperationCanceledException) when (end.IsCancellationRequested)
        {
            // The page closed or the node is stopping.
        }
    }
}
