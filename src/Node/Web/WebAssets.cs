using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Beamchain.Node.Web;

/// <summary>
/// The web pages built into the node (Web/wwwroot, embedded by the build; the .wasm files
/// assembled from their .wat sources), looked up by URL path. Serving them needs nothing on
/// disk and nothing from the internet. A path names a file under wwwroot; a folder such as
/// <c>/miner</c> or <c>/miner/</c> serves its <c>index.html</c>.
/// </summary>
public sealed class WebAssets
{
    private const string Prefix = "wwwroot/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".wasm"] = "application/wasm",
        [".wgsl"] = "text/plain; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".json"] = "application/json",
    };

    private readonly Dictionary<string, WebAsset> _assets = new(StringComparer.Ordinal);

    public WebAssets()
        : this(typeof(WebAssets).Assembly)
    {
    }

    internal WebAssets(Assembly assembly)
    {
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var path = "/" + name[Prefix.Length..];
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            _assets[path] = new WebAsset(path, type, copy.ToArray());
        }
    }

    /// <summary>Every asset's path, e.g. <c>/miner/index.html</c>.</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    /// <summary>
    /// Answers a GET or HEAD for an asset (with its Content-Type; not cached, so a node's new
    /// version is picked up on reload). False, with nothing written, when the path names none.
    /// </summary>
    public async Task<bool> TryServeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return false;
        }

        if (!TryGet(context.Request.Path.Value ?? "/", out var asset))
        {
            return false;
        }

        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted);
        }

        return true;
    }

    /// <summary>The asset for a request path; false when there is none (a 404).</summary>
    public bool TryGet(string requestPath, out WebAsset asset)
    {
        var path = requestPath.Split('?', '#')[0];
        if (path.Contains("..", StringComparison.Ordinal))
        {
            asset = null!;
            return false;
        }

        if (_assets.TryGetValue(path, out asset!))
        {
            return true;
        }

        return _assets.TryGetValue(path.TrimEnd('/') + "/index.html", out asset!);
    }
}
