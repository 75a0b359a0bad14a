using System.Net;

namespace Beamchain.ConsulDouble;

/// <summary>How the double listens and how closely it copies the real agent's timing (read by <see cref="ConsulDoubleCommandLine"/>).</summary>
public sealed record ConsulDoubleOptions
{
    public IPAddress Host { get; init; } = IPAddress.Loopback;

    /// <summary>0 asks the system for a free port; <see cref="ConsulDoubleServer.BaseAddress"/> tells which.</summary>
    public int Port { get; init; } = 8500;

    public string? Token { get; init; }

    public TimeSpan ReapInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MinimumDeregisterAfter { get; init; } = TimeSpan.FromMinutes(1);
}
