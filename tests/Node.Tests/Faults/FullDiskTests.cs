using System.Diagnostics;
using Beamchain.Node.Chain;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// A node whose data directory is a small tmpfs (mounted and unmounted here, as root) that
/// fills up: it says so with the path and what to do, leaves and exits with status 3; the
/// others store the block without re-mining it, and the node restarted after space is freed
/// catches up. A node started with requests waiting in its store mines them by itself.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class FullDiskTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const string MountPrefix = "beamchain-fulldisk-";

    /// <summary>The small-disk node's name and mount folder; it carries this test process's id, so a leftover of a killed run can be told from a run going on beside this one.</summary>
    private static readonly string FullName = $"{MountPrefix}{Environment.ProcessId}-f";
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromSeconds(90);
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "beamchain.dll");

    private readonly TempDirectory _dir = new();
    private readonly List<string> _mounts = [];
    private FaultCluster _cluster = null!;

    public Task InitializeAsync()
    {
        UnmountLeftovers();
        _cluster = new FaultCluster(Dll, _dir.Path, ["--device", "cpu", "--cpu-threads", "1"]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        foreach (var node in _cluster.Nodes)
        {
            log.WriteLine($"--- {node.Name}:\n{string.Join('\n', node.Lines.Where(l => !l.Text.EndsWith(" nonces processed", StringComparison.Ordinal)).TakeLast(30).Select(l => l.Text))}");
        }

        foreach (var mount in _mounts)
        {
            Run("umount", mount);
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task A_node_whose_disk_fills_says_so_and_exits_while_the_others_store_the_block_once()
    {
        var a = await _cluster.StartAsync("node-a", seed: null);
        var b = await _cluster.StartAsync("node-b", a);

        // Both grains activate before the small-disk node joins, so neither runs on it.
        await FaultCluster.StatusAsync(a);
        var full = Path.Combine(_dir.Path, FullName);
        Mount(full, "1m");
        var f = await _cluster.StartAsync(FullName, a);
        Assert.True(await FaultCluster.MineAsync(a, "before-full"));
        foreach (var node in new[] { a, b, f })
        {
            await FaultCluster.WaitForBlockAsync(node, "before-full", BlockTimeout);
        }

        var filler = Fill(full);

        // A full disk still takes appends that fit in the last page a file already has (tmpfs and
        // ext4 count whole pages), so a small block could land on it after all. Data larger than a
        // page needs new pages on every node's disk: node f's append must fail.
        var afterFull = "after-full " + new string('x', 3 * 4096);
        Assert.True(await FaultCluster.MineAsync(a, afterFull), "mine after-full was not acknowledged");

        var said = await f.WaitForLineAsync(l => l.StartsWith("store: cannot write to", StringComparison.Ordinal), BlockTimeout, "the full disk reported");
        Assert.Contains(full, said.Text, StringComparison.Ordinal);
        Assert.Contains("No space left on device", said.Text, StringComparison.Ordinal);
        Assert.Contains("free space on that disk", said.Text, StringComparison.Ordinal);
        Assert.Equal(StoreFailure.ExitCode, await f.WaitForExitAsync(FaultCluster.CommandTimeout));

        foreach (var node in new[] { a, b })
        {
            await FaultCluster.WaitForBlockAsync(node, afterFull, BlockTimeout);
        }

        // Settled: one more block after it shows nobody is still mining it again.
        Assert.True(await FaultCluster.MineAsync(b, "later"));
        foreach (var node in new[] { a, b })
        {
            await FaultCluster.WaitForBlockAsync(node, "later", BlockTimeout);
            Assert.Single(node.Lines, l => FaultCluster.IsBlockLine(l.Text, afterFull));
            Assert.DoesNotContain(node.Lines, l => l.Text.Contains("mining the request again", StringComparison.Ordinal));
        }

        File.Delete(filler);
        var restarted = await _cluster.StartAsync(FullName, a);
        Assert.Contains(restarted.Lines, l => l.Text.Contains("listening on", StringComparison.Ordinal) && l.Text.Contains("chain at block 3,", StringComparison.Ordinal));
        await _cluster.StopAllAsync();
    }

    [Fact]
    public async Task A_node_started_with_requests_waiting_in_its_store_mines_them_without_a_command()
    {
        var directory = Path.Combine(_dir.Path, "node-w");
        new PendingRequestStore(directory).Save(new PendingQueue { Requests = { new MineRequest { RequestId = Guid.NewGuid().ToString("N"), Data = "waiting", Sequence = 1 } } });

        var node = await _cluster.StartAsync("node-w", seed: null);

        Assert.Equal(1UL, await FaultCluster.WaitForBlockAsync(node, "waiting", BlockTimeout));
        await _cluster.StopAllAsync();
    }

    private void Mount(string path, string size)
    {
        Directory.CreateDirectory(path);
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        Assert.True(code == 0, $"could not mount a {size} tmpfs on {path} (this test runs as root, as CI does): {error}");
        _mounts.Add(path);
    }

    /// <summary>Writes a file until the disk is full; returns its path.</summary>
    private static string Fill(string directory)
    {
        var path = Path.Combine(directory, "filler");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                file.Write(chunk);
                file.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            return path; // full
        }
    }

    /// <summary>Tmpfs mounts an earlier, killed run of this test left behind (its process is gone); a run still going on keeps its own.</summary>
    private static void UnmountLeftovers()
    {
        foreach (var line in File.ReadAllLines("/proc/mounts"))
        {
            var mountPoint = line.Split(' ')[1];
            var name = Path.GetFileName(mountPoint);
            if (mountPoint.Contains("/beamchain-tests/", StringComparison.Ordinal) && name.StartsWith(MountPrefix, StringComparison.Ordinal)
                && !(int.TryParse(name[MountPrefix.Length..].Split('-')[0], out var owner) && Directory.Exists($"/proc/{owner}")))
            {
                Run("umount", "-l", mountPoint);
            }
        }
    }

    private static (int Code, string Error) Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
