using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Beamchain.ConsulDouble;

/// <summary>
/// The Consul HTTP API double, running in this process: tests start one on a free port
/// (<c>await ConsulDoubleServer.StartAsync(new ConsulDoubleOptions { Port = 0 })</c>) and point clients at
/// <see cref="BaseAddress"/>. Disposing stops it.
/// </summary>
public sealed class ConsulDoubleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConsulDoubleServer(WebApplication app, ConsulCatalog catalog, Uri baseAddress)
    {
        _app = app;
        Catalog = catalog;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the HTTP API listens, e.g. <c>http://127.0.0.1:8500/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The state behind the API, for tests that look without HTTP.</summary>
    public ConsulCatalog Catalog { get; }

    public static async Task<ConsulDoubleServer> StartAsync(
        ConsulDoubleOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(options.Host, options.Port));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = null);

        var catalog = new ConsulCatalog(time ?? TimeProvider.System, options.ReapInterval, options.MinimumDeregisterAfter);
        var app = builder.Build();
        ConsulEndpoints.Map(app, catalog, options.Token);
        app.Lifetime.ApplicationStopping.Register(catalog.Shutdown);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            catalog.Dispose();
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsulDoubleServer(app, catalog, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C when run on its own).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Catalog.Dispose();
    }
}
