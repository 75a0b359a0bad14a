using System.Text.Json;
using Beamchain.Node.Grid;
using Beamchain.Node.Status;
using Beamchain.Node.Tests.Cluster;

namespace Beamchain.Node.Tests.Grid;

/// <summary>
/// Volunteers' IP addresses are for the operator (<c>status</c> at the node's prompt), never for
/// anyone who reaches the gateway's port: public pages show a keyed hash of the address instead.
/// </summary>
[Collection(HashingTests.Collection)]
public class VolunteerAddressTests
{
    [Fact]
    public async Task The_public_grid_document_shows_a_client_id_and_a_short_session_but_no_address()
    {
        await using var grid = await GridNode.StartAsync("private-grid");
        await using var first = await GridTestClient.ConnectAsync(grid.Address);
        await using var second = await GridTestClient.ConnectAsync(grid.Address);
        var session = await first.HelloAsync();
        await second.HelloAsync();
        using var http = new HttpClient { BaseAddress = new UriBuilder(grid.Address) { Scheme = "http", Path = "/" }.Uri };

        var text = await http.GetStringAsync("/api/grid");

        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(session, text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var clients = document.RootElement.GetProperty("clients").EnumerateArray().ToArray();
        Assert.Equal(2, clients.Length);
        Assert.All(clients, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("address").ValueKind));
        Assert.Contains(clients, c => c.GetProperty("session").GetString() == session[..GridStatus.PublicSessionLength]);
        // One address, one id: a reader can tell that both sessions come from the same place, not where.
        var operatorView = grid.Status.Clients;
        Assert.All(operatorView, c => Assert.Equal("127.0.0.1", c.Address));
        Assert.Single(operatorView.Select(c => c.Client).Distinct());
        Assert.All(clients, c => Assert.Equal(operatorView[0].Client, c.GetProperty("client").GetString()));
        Assert.Matches("^[0-9a-f]{8}$", operatorView[0].Client);
    }

    [Fact]
    public void Two_gateways_give_one_address_unrelated_ids_so_an_id_cannot_be_looked_up()
    {
        var address = System.Net.IPAddress.Parse("203.0.113.7");
        var ids = new ClientIds();

        Assert.Equal(ids.Of(address), ids.Of(address));
        Assert.NotEqual(ids.Of(address), ids.Of(System.Net.IPAddress.Parse("203.0.113.8")));
        // A fresh key each start: 2^-32 odds of a false failure.
        Assert.NotEqual(ids.Of(address), new ClientIds().Of(address));
    }

    [Fact]
    public void The_public_status_document_drops_volunteer_addresses_and_keeps_everything_else()
    {
        var volunteer = new GridClientStatus("0123456789abcdef0123456789abcdef", "0badc0de", "203.0.113.7", "browser", 10, 2e6, 2e7, 5, 1, 2, 3, 1);
        var grid = new GridStatus("node-a/grid", "job-1", 2e6, 5, 0, new Dictionary<string, ulong>(), 1, 1, 0, 0, [volunteer]);
        var document = new StatusDocument(
            StatusDocument.CurrentVersion, "node-a", "127.0.0.1:4020", "member-1", 0, "membership: seed", ["127.0.0.1:4020"], [], null,
            new ChainReport(1, "00ab", [], "127.0.0.1:4020"), new ReplicaReport(1, "00ab"), new StoreReport("/data", Failed: false),
            new DispenserReport("127.0.0.1:4020", 2e6), null, new GatewayReport("ws://127.0.0.1:9000/grid", grid));

        var shown = document.ForPublic();
        var json = JsonSerializer.Serialize(shown, StatusJsonContext.Default.StatusDocument);

        Assert.DoesNotContain("203.0.113.7", json, StringComparison.Ordinal);
        Assert.Equal(volunteer with { Session = "01234567", Address = null }, Assert.Single(shown.Gateway!.Grid.Clients));
        Assert.Equal(document with { Gateway = null }, shown with { Gateway = null });
        Assert.Equal("203.0.113.7", document.Gateway!.Grid.Clients[0].Address); // the operator's copy is untouched
    }
}
