using System.Diagnostics;
using System.Globalization;

namespace Beamchain.Harness.Faults;

/// <summary>
/// A private network for node processes, so the fault harness can partition them: one network
/// namespace per node, each with a veth pair whose other end sits on a bridge in this
/// namespace (addresses 10.X.Y.2, .3, … on a /24). <see cref="Isolate"/> takes a node's link
/// down (every packet to and from it is lost, no connection is reset, as when a cable is pulled);
/// <see cref="Reconnect"/> brings it back. Needs root and <c>ip</c> (iproute2). Everything is
/// named after this process id (<c>hb{pid}</c>, <c>hv{pid}n{i}</c>, <c>healns-{pid}-{i}</c>);
/// <see cref="RemoveLeftovers"/> deletes what a dead process left behind.
/// </summary>
public sealed class NodeNetwork : IDisposable
{
    private const string NamespacePrefix = "healns-";

    private readonly int _owner = Environment.ProcessId;
    private readonly string _subnet;
    private readonly List<int> _nodes = [];

    private NodeNetwork()
    {
        _subnet = string.Create(CultureInfo.InvariantCulture, $"10.{200 + (_owner % 50)}.{_owner / 50 % 250}");
    }

    private string Bridge => $"hb{_owner}";

    /// <summary>This namespace's address on the bridge (x.x.x.1), where a service all nodes reach, such as Consul, can listen.</summary>
    public string BridgeHost => $"{_subnet}.1";

    /// <summary>Creates the bridge; throws with what failed when this machine does not allow it (not root, no iproute2).</summary>
    public static NodeNetwork Create()
    {
        RemoveLeftovers();
        var network = new NodeNetwork();
        Ip($"link add {network.Bridge} type bridge");
        Ip($"addr add {network.BridgeHost}/24 dev {network.Bridge}");
        Ip($"link set {network.Bridge} up");
        return network;
    }

    /// <summary>Adds node <paramref name="index"/> (from 1): its namespace, its link to the bridge and its address, which it returns.</summary>
    public string AddNode(int index)
    {
        var ns = Namespace(index);
        var (outside, inside) = ($"hv{_owner}n{index}", $"hp{_owner}n{index}");
        Ip($"netns add {ns}");
        _nodes.Add(index);
        Ip($"link add {outside} type veth peer name {inside}");
        Ip($"link set {inside} netns {ns}");
        Ip($"link set {outside} master {Bridge}");
        Ip($"link set {outside} up");
        var address = HostOf(index);
        Ip($"netns exec {ns} ip addr add {address}/24 dev {inside}");
        Ip($"netns exec {ns} ip link set {inside} up");
        Ip($"netns exec {ns} ip link set lo up");
        return address;
    }

    public string HostOf(int index) => string.Create(CultureInfo.InvariantCulture, $"{_subnet}.{index + 1}");

    /// <summary>The command that runs a program inside node <paramref name="index"/>'s namespace, under the same process id (<c>ip netns exec</c> execs it).</summary>
    public IReadOnlyList<string> Launcher(int index) => ["ip", "netns", "exec", Namespace(index)];

    /// <summary>Cuts node <paramref name="index"/> off from every other node.</summary>
    public void Isolate(int index) => Ip($"link set hv{_owner}n{index} down");

    /// <summary>Joins node <paramref name="index"/> to the others again.</summary>
    public void Reconnect(int index) => Ip($"link set hv{_owner}n{index} up");

    /// <summary>
    /// Cuts nodes <paramref name="a"/> and <paramref name="b"/> off from each other only (each
    /// drops what it would send the other: a blackhole route in each namespace); both still reach
    /// every other node. A partial partition, as a route or firewall between two hosts makes.
    /// </summary>
    public void Cut(int a, int b)
    {
        Ip($"netns exec {Namespace(a)} ip route add blackhole {HostOf(b)}/32");
        Ip($"netns exec {Namespace(b)} ip route add blackhole {HostOf(a)}/32");
    }

    /// <summary>Ends <see cref="Cut"/>.</summary>
    public void Mend(int a, int b)
    {
        Ip($"netns exec {Namespace(a)} ip route del blackhole {HostOf(b)}/32");
        Ip($"netns exec {Namespace(b)} ip route del blackhole {HostOf(a)}/32");
    }

    public void Dispose()
    {
        foreach (var index in _nodes)
        {
            // The link first: a deleted namespace's links go later, in the kernel's own time, and
            // a network made next in this process reuses their names.
            TryIp($"link del hv{_owner}n{index}");
            TryIp($"netns del {Namespace(index)}");
        }

        TryIp($"link del {Bridge}");
    }

    /// <summary>Deletes namespaces and bridges made by node networks whose process is gone.</summary>
    public static void RemoveLeftovers()
    {
        foreach (var name in Run("ip", "netns list").Split('\n').Select(l => l.Split(' ')[0]).Where(n => n.StartsWith(NamespacePrefix, StringComparison.Ordinal)))
        {
            if (OwnerOf(name[NamespacePrefix.Length..].Split('-')[0]) is { } owner && !Alive(owner))
            {
                TryIp($"netns del {name}");
            }
        }

        foreach (var line in Run("ip", "-o link show type bridge").Split('\n'))
        {
            var name = line.Split(':', StringSplitOptions.TrimEntries).ElementAtOrDefault(1) ?? "";
            if (name.StartsWith("hb", StringComparison.Ordinal) && OwnerOf(name[2..]) is { } owner && !Alive(owner))
            {
                TryIp($"link del {name}");
            }
        }
    }

    private string Namespace(int index) => $"{NamespacePrefix}{_owner}-{index}";

    private static int? OwnerOf(string digits) => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Ip(string arguments)
    {
        var result = Execute("ip", arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {arguments} failed (exit {result.ExitCode}): {result.Error.Trim()}; partitions need root and iproute2");
        }
    }

    private static void TryIp(string arguments) => Execute("ip", arguments);

    private static string Run(string program, string arguments) => Execute(program, arguments).Output;

    private static (int ExitCode, string Output, string Error) Execute(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
