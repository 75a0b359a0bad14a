using Beamchain.Node.Web;

namespace Beamchain.Node.Tests.Browser;

public sealed class WebAssetsTests
{
    private readonly WebAssets _assets = new();

    [Fact]
    public void The_miner_page_is_served_for_its_folder_path()
    {
        Assert.True(_assets.TryGet("/miner", out var page));
        Assert.Equal("/miner/index.html", page.Path);
        Assert.StartsWith("text/html", page.ContentType);
        Assert.True(_assets.TryGet("/miner/", out _));
    }

    [Fact]
    public void The_webassembly_kernel_is_built_into_the_node_from_its_wat_source()
    {
        Assert.True(_assets.TryGet("/miner/engines/sha256-simd.wasm", out var wasm), string.Join(", ", _assets.Paths));
        Assert.Equal("application/wasm", wasm.ContentType);
        Assert.Equal([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], wasm.Content[..8].ToArray());
        Assert.False(_assets.TryGet("/miner/engines/sha256-simd.wat", out _));
    }

    [Theory]
    [InlineData("/nothing-here")]
    [InlineData("/miner/../secret")]
    [InlineData("/miner/engines/")]
    public void Unknown_paths_are_not_found(string path) => Assert.False(_assets.TryGet(path, out _));

    [Fact]
    public void Scripts_carry_a_javascript_content_type_so_module_workers_load() =>
        Assert.All(_assets.Paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal)), path =>
        {
            Assert.True(_assets.TryGet(path, out var script));
            Assert.StartsWith("text/javascript", script.ContentType);
        });
}
