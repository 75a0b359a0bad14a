namespace Beamchain.Node.Grid;

/// <summary>
/// A gateway's settings: where it listens, who may mine, and its limits. The defaults are for
/// the internet; tests and benchmarks shorten the intervals or raise the limits.
/// </summary>
public sealed record GridSettings
{
    public const int MaxFrameBytes = 4096;

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>A PKCS#12 certificate for wss://; null serves plain ws://.</summary>
    public string? CertificateFile { get; init; }

    public string? CertificatePassword { get; init; }

    /// <summary>When not empty, only volunteers presenting one of these tokens may mine.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>Browser page origins allowed besides the gateway's own.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>The share rate vardiff aims at, per volunteer.</summary>
    public TimeSpan ShareInterval { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long one work should take at the volunteer's verified rate; a work not finished in 3× this is issued again.</summary>
    public TimeSpan WorkTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The window a verified rate is measured over.</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The rate assumed for a volunteer without accepted shares yet: it sizes the first work and share target.</summary>
    public double InitialRate { get; init; } = 4e6;

    public int MaxConnectionsPerAddress { get; init; } = 16;

    public int MaxSessionsPerAddressPerMinute { get; init; } = 60;

    public int MaxClients { get; init; } = 10_000;

    public double MessagesPerSecond { get; init; } = 20;

    public int MessageBurst { get; init; } = 40;

    /// <summary>Rate-limited messages after which the socket is closed (a client pacing itself under hello's limits never meets one).</summary>
    public int MaxRefusedMessages { get; init; } = 200;

    /// <summary>Invalid shares (duplicate, above target, outside range) per minute tolerated; one more closes the socket.</summary>
    public int MaxInvalidSharesPerMinute { get; init; } = 10;

    /// <summary>The share of finished works re-hashed once a volunteer is long trusted.</summary>
    public double AuditFloor { get; init; } = 0.01;

    /// <summary>Finished works after which a volunteer's audit share has halved (its first is always audited).</summary>
    public double AuditTrustWorks { get; init; } = 8;
}
