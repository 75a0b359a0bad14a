using Beamchain.Node.Membership.Consul;
using Microsoft.Extensions.Logging.Abstractions;
using Proto.Cluster;

namespace Beamchain.Node.Tests.Membership;

/// <summary>A running watch whose reports are kept as comma-joined member ids.</summary>
internal sealed class RunningMemberWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _reports = [];
    private Task _run = Task.CompletedTask;

    public IReadOnlyList<string> Reports
    {
        get
        {
            lock (_reports)
            {
                return _reports.ToList();
            }
        }
    }

    public static RunningMemberWatch Start(ScriptedAgentHandler agent, TimeProvider time)
    {
        var watch = new RunningMemberWatch();
        var client = new ConsulAgentClient(ConsulMemberWatchTests.Config, agent);
        var loop = new ConsulMemberWatch(client, "c", ConsulMemberWatchTests.Config, time, watch.Report, new ConsulReachability(ConsulMemberWatchTests.Config.Address, time, NullLogger.Instance), NullLogger.Instance);
        watch._run = Task.Run(async () =>
        {
            using (client)
            {
                await loop.RunAsync(watch._stop.Token);
            }
        });
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private void Report(IReadOnlyList<Member> members)
    {
        lock (_reports)
        {
            _reports.Add(string.Join(',', members.Select(m => m.Id)));
        }
    }
}
