using System.Globalization;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using System.Text.Json;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;
using Beamchain.Node.Grid;
using Beamchain.Node.Tests.Cluster;

namespace Beamchain.Node.Tests.Grid;

/// <summary>
/// Volunteers misbehaving on purpose against a real node's gateway on 127.0.0.1: each gets the
/// error code the README's table names, and the chain is untouched (no block, the tip unchanged).
/// </summary>
[Collection(HashingTests.Collection)]
public class GridAbuseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_share_above_its_target_is_refused_with_23()
    {
        await using var grid = await GridNode.StartAsync("abuse-above");
        await using var client = await GridTestClient.ConnectAsync(grid.Address);
        await grid.MineAsync("above");
        await client.HelloAsync();
        var work = await client.WorkAsync();
        var tip = grid.Node.Node.Chain.Tip.Hash;

        var nonce = FirstNonce(work, n => client.HashOf(work.JobId, n) > work.ShareTarget);
        var answer = await client.CallAsync("submit", new { work = work.Id, nonce = GridTestClient.Hex(nonce) });

        Assert.Equal(23, GridTestClient.ErrorCode(answer));
        AssertUntouched(grid, tip);
    }

    [Fact]
    public async Task A_nonce_outside_the_clients_range_is_refused_with_26()
    {
        await using var grid = await GridNode.StartAsync("abuse-outside");
        await using var client = await GridTestClient.ConnectAsync(grid.Address);
        await grid.MineAsync("outside");
        await client.HelloAsync();
        var work = await client.WorkAsync();
        var tip = grid.Node.Node.Chain.Tip.Hash;

        var answer = await client.CallAsync("submit", new { work = work.Id, nonce = GridTestClient.Hex(work.Range.End + (1UL << 40)) });
        var unknownWork = await client.CallAsync("submit", new { work = 999_999, nonce = GridTestClient.Hex(work.Range.Start) });

        Assert.Equal(26, GridTestClient.ErrorCode(answer));
        Assert.Equal(26, GridTestClient.ErrorCode(unknownWork));
        AssertUntouched(grid, tip);
    }

    [Fact]
    public async Task A_duplicate_share_is_refused_with_22()
    {
        await using var grid = await GridNode.StartAsync("abuse-duplicate");
        await using var client = await GridTestClient.ConnectAsync(grid.Address);
        await grid.MineAsync("duplicate");
        await client.HelloAsync();
        var work = await client.WorkAsync();
        var tip = grid.Node.Node.Chain.Tip.Hash;
        var blockTarget = client.BlockTargetOf(work.JobId);
        var share = client.Qualifying(work.JobId, work.Range, work.ShareTarget).First(n => client.HashOf(work.JobId, n) > blockTarget);

        var first = await client.CallAsync("submit", new { work = work.Id, nonce = GridTestClient.Hex(share) });
        var again = await client.CallAsync("submit", new { work = work.Id, nonce = GridTestClient.Hex(share) });

        Assert.True(first.GetProperty("result").GetProperty("accepted").GetBoolean());
        Assert.Equal(22, GridTestClient.ErrorCode(again));
        Assert.Equal(1UL, grid.Status.Accepted);
        AssertUntouched(grid, tip);
    }

    [Fact]
    public async Task A_share_for_an_old_job_is_refused_with_21_and_not_forwarded()
    {
        await using var grid = await GridNode.StartAsync("abuse-stale");
        await using var client = await GridTestClient.ConnectAsync(grid.Address);
        await grid.MineAsync("first");
        await grid.MineAsync("second");
        await client.HelloAsync();
        var work = await client.WorkAsync();
        var blockTarget = client.BlockTargetOf(work.JobId);
        var oldShare = client.Qualifying(work.JobId, work.Range, work.ShareTarget).First(n => client.HashOf(work.JobId, n) > blockTarget);

        // The honest way to end job 1: find its block.
        await SolveAsync(client, work.JobId);
        await client.NotificationAsync("job", p => p.GetProperty("job").GetString() != work.JobId);
        await Eventually.TrueAsync(() => grid.Node.Node.Chain.Height == 1, Timeout, "block 1 stored");
        var tip = grid.Node.Node.Chain.Tip.Hash;
        var blocksBefore = grid.Status.Blocks;

        var answer = await client.CallAsync("submit", new { work = work.Id, nonce = GridTestClient.Hex(oldShare) });

        Assert.Equal(21, GridTestClient.ErrorCode(answer));
        Assert.Equal(tip, grid.Node.Node.Chain.Tip.Hash);
        Assert.Equal(blocksBefore, grid.Status.Blocks);
    }

    [Fact]
    public async Task A_client_claiming_a_huge_rate_without_shares_keeps_small_works_and_moves_no_difficulty()
    {
        await using var grid = await GridNode.StartAsync("abuse-claim");
        await using var client = await GridTestClient.ConnectAsync(grid.Address);
        await grid.MineAsync("claim");
        await client.HelloAsync();
        var tip = grid.Node.Node.Chain.Tip.Hash;

        // "Done" the moment each work arrives: a client claiming to hash at any speed, proving nothing.
        var firstCount = (await client.WorkAsync()).Range.Count;
        for (var id = 1; id <= 20; id++)
        {
            var work = await client.WorkAsync(w => w.Id == id);
            await client.CallAsync("done", new { work = work.Id, hashed = work.Range.Count });
        }

        var works = client.Works();
        Assert.True(works.Count >= 20, $"only {works.Count} works came");
        Assert.All(works, w => Assert.Equal(firstCount, w.Range.Count));
        Assert.Equal(0, grid.Status.VerifiedRate);
        var status = await grid.Node.Node.StatusAsync();
        Assert.Equal(0, status.Job!.ClusterRate); // what the difficulty policy sizes the next block by
        AssertUntouched(grid, tip);
    }

    [Fact]
    public async Task A_client_skipping_half_of_each_range_is_caught_by_audits_dropped_with_30_and_its_ranges_issued_again()
    {
        const int Bound = 20;
        // About 32 shares a range, sent at once: the message budget (its own test) would cut the cheat off before the audit's verdict.
        await using var grid = await GridNode.StartAsync("abuse-skip", s => s with { AuditTrustWorks = 8, MessagesPerSecond = 10_000, MessageBurst = 10_000 }, GridNode.HardBlocks);
        await using var cheat = await GridTestClient.ConnectAsync(grid.Address);
        await grid.MineAsync("skip");
        var session = await cheat.HelloAsync();
        var tip = grid.Node.Node.Chain.Tip.Hash;

        // It finishes at most Bound ranges, so a verdict at all is the bound. Which range is caught
        // is not asserted: the first finished one is always re-checked, but under load a range can
        // expire or its job restart before the gateway takes it as finished.
        var finished = new List<long>();
        while (finished.Count < Bound)
        {
            // It finishes a work only once the one after it has come, so it always holds open work to hand back when dropped.
            var last = finished.LastOrDefault();
            var after = cheat.WorkAsync(w => w.Id > last + 1);
            if (await Task.WhenAny(after, cheat.Closed) != after)
            {
                break;
            }

            var work = cheat.Works().First(w => w.Id > last);
            var blockTarget = cheat.BlockTargetOf(work.JobId);
            var half = new NonceRange(work.Range.Start, work.Range.Count / 2);
            try
            {
                foreach (var nonce in cheat.Qualifying(work.JobId, half, work.ShareTarget).Where(n => cheat.HashOf(work.JobId, n) > blockTarget))
                {
                    await cheat.SendAsync("submit", new { work = work.Id, nonce = GridTestClient.Hex(nonce) });
                }

                finished.Add(work.Id);
                await cheat.SendAsync("done", new { work = work.Id, hashed = work.Range.Count });
            }
            catch (WebSocketException)
            {
                break; // dropped while cheating
            }
        }

        var dropped = await cheat.WaitForAsync(m => m.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == 30, "the audit's verdict");
        Assert.Equal(JsonValueKind.Null, dropped.GetProperty("id").ValueKind);
        await cheat.Closed.WaitAsync(Timeout);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, cheat.CloseStatus);
        var verdict = dropped.GetProperty("error").GetProperty("data").GetString()!;
        var caught = Regex.Match(verdict, "^a re-check of work (\\d+) ");
        Assert.True(caught.Success, verdict);
        Assert.Contains(long.Parse(caught.Groups[1].Value, CultureInfo.InvariantCulture), finished);
        var status = grid.Status;
        Assert.True(status.AuditsFailed >= 1, $"{status.AuditsFailed} audits failed");
        Assert.Equal(0UL, status.AuditsPassed); // every range it finished was half skipped

        // Its open work goes to the next volunteer.
        await using var honest = await GridTestClient.ConnectAsync(grid.Address);
        await honest.HelloAsync();
        await Eventually.TrueAsync(
            () => grid.Node.Output.Lines.Any(l => l.Contains($"from volunteer {session[..8]}'s handed back work", StringComparison.Ordinal)),
            Timeout,
            "the cheat's open range issued again");

        AssertUntouched(grid, tip);
    }

    [Fact]
    public async Task A_message_flood_is_rate_limited_with_27_and_then_cut_off()
    {
        await using var grid = await GridNode.StartAsync("abuse-flood");
        await using var client = await GridTestClient.ConnectAsync(grid.Address);
        await grid.MineAsync("flood");
        await client.HelloAsync();
        var tip = grid.Node.Node.Chain.Tip.Hash;

        for (var i = 0; i < 4000 && !client.Closed.IsCompleted; i++)
        {
            try
            {
                await client.SendRawAsync($$$"""{"jsonrpc":"2.0","id":{{{1000 + i}}},"method":"done","params":{"work":1,"hashed":0}}""");
            }
            catch (WebSocketException)
            {
                break; // already cut off
            }
        }

        await client.WaitForAsync(m => m.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == 27, "a rate-limited answer");
        await client.Closed.WaitAsync(Timeout);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.True(grid.Status.Rejected.GetValueOrDefault("rate-limited") >= 100);
        AssertUntouched(grid, tip);
    }

    [Fact]
    public async Task An_oversized_frame_is_refused_with_31_and_the_socket_closed_1009()
    {
        await using var grid = await GridNode.StartAsync("abuse-frame");
        await using var client = await GridTestClient.ConnectAsync(grid.Address);
        var tip = grid.Node.Node.Chain.Tip.Hash;

        await client.SendRawAsync($$$"""{"jsonrpc":"2.0","id":1,"method":"hello","params":{"engine":"{{{new string('x', 5000)}}}"}}""");

        var refused = await client.WaitForAsync(m => m.TryGetProperty("error", out _), "the refusal");
        Assert.Equal(31, GridTestClient.ErrorCode(refused));
        await client.Closed.WaitAsync(Timeout);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
        AssertUntouched(grid, tip);
    }

    [Fact]
    public async Task Five_hundred_connections_from_one_address_are_capped_with_29()
    {
        await using var grid = await GridNode.StartAsync("abuse-conns", s => s with { MaxSessionsPerAddressPerMinute = 1000 });
        var tip = grid.Node.Node.Chain.Tip.Hash;
        var clients = new List<GridTestClient>();
        try
        {
            for (var i = 0; i < 500; i++)
            {
                clients.Add(await GridTestClient.ConnectAsync(grid.Address));
            }

            var refused = clients.Skip(GridNode.Settings.MaxConnectionsPerAddress).ToArray();
            foreach (var client in refused)
            {
                var error = await client.WaitForAsync(m => m.TryGetProperty("error", out _), "the refusal");
                Assert.Equal(29, GridTestClient.ErrorCode(error));
                await client.Closed.WaitAsync(Timeout);
                Assert.Equal((WebSocketCloseStatus)1013, client.CloseStatus);
            }

            var admitted = clients.Take(GridNode.Settings.MaxConnectionsPerAddress).ToArray();
            foreach (var client in admitted)
            {
                await client.HelloAsync();
            }

            Assert.Equal(GridNode.Settings.MaxConnectionsPerAddress, grid.Status.Clients.Count);
            AssertUntouched(grid, tip);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Without_the_operators_token_a_volunteer_is_refused_with_24()
    {
        await using var grid = await GridNode.StartAsync("abuse-token", s => s with { Tokens = ["s3cret"] });
        await using var stranger = await GridTestClient.ConnectAsync(grid.Address);
        await using var wrong = await GridTestClient.ConnectAsync(grid.Address);
        await using var invited = await GridTestClient.ConnectAsync(grid.Address);

        var none = await stranger.CallAsync("hello", new { engine = "x" });
        var bad = await wrong.CallAsync("hello", new { engine = "x", token = "guess" });
        await invited.HelloAsync("s3cret");

        Assert.Equal(24, GridTestClient.ErrorCode(none));
        Assert.Equal(24, GridTestClient.ErrorCode(bad));
        await stranger.Closed.WaitAsync(Timeout);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, stranger.CloseStatus);
        Assert.Single(grid.Status.Clients);
    }

    [Fact]
    public async Task A_browser_page_from_another_origin_is_refused_with_24_and_requests_before_hello_with_25()
    {
        await using var grid = await GridNode.StartAsync("abuse-origin", s => s with { AllowedOrigins = ["https://friends.example"] });
        await using var foreign = await GridTestClient.ConnectAsync(grid.Address, origin: "https://evil.example");
        await using var friend = await GridTestClient.ConnectAsync(grid.Address, origin: "https://friends.example");

        var refused = await foreign.WaitForAsync(m => m.TryGetProperty("error", out _), "the refusal");
        var early = await friend.CallAsync("submit", new { work = 1, nonce = GridTestClient.Hex(0) });
        await friend.HelloAsync();

        Assert.Equal(24, GridTestClient.ErrorCode(refused));
        Assert.Equal(25, GridTestClient.ErrorCode(early));
    }

    /// <summary>Hashes the client's works (asking for more with done) until one holds the block's nonce, and submits it.</summary>
    private static async Task SolveAsync(GridTestClient client, string jobId)
    {
        var blockTarget = client.BlockTargetOf(jobId);
        for (var tried = 0; tried < 200; tried++)
        {
            var work = await client.WorkAsync(w => w.JobId == jobId && w.Id > tried);
            if (client.Qualifying(jobId, work.Range, blockTarget) is [var block, ..])
            {
                var answer = await client.CallAsync("submit", new { work = work.Id, nonce = GridTestClient.Hex(block) });
                Assert.True(answer.GetProperty("result").GetProperty("block").GetBoolean(), answer.GetRawText());
                return;
            }

            await client.CallAsync("done", new { work = work.Id, hashed = work.Range.Count });
        }

        Assert.Fail("no block in 200 works");
    }

    private static ulong FirstNonce(TestWork work, Func<ulong, bool> match)
    {
        for (var nonce = work.Range.Start; nonce < work.Range.End; nonce++)
        {
            if (match(nonce))
            {
                return nonce;
            }
        }

        throw new InvalidOperationException("no such nonce in the work");
    }

    private static void AssertUntouched(GridNode grid, Hash256 tip)
    {
        Assert.Equal(tip, grid.Node.Node.Chain.Tip.Hash);
        Assert.Equal(0UL, grid.Status.Blocks);
    }
}
