namespace Beamchain.ConsulDouble;

/// <summary>The JSON of <c>PUT /v1/agent/service/register</c> as sent; names match case-insensitively, as in Go.</summary>
public sealed class RegistrationBody
{
    public string? ID { get; set; }

    public string? Name { get; set; }

    public List<string>? Tags { get; set; }

    public string? Address { get; set; }

    public int Port { get; set; }

    public Dictionary<string, string>? Meta { get; set; }

    public RegistrationCheckBody? Check { get; set; }

    /// <summary>Checks the body as the agent would; on failure <paramref name="error"/> is the agent-style message.</summary>
    public bool TryToDefinition(out ServiceDefinition definition, out string error)
    {
        definition = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(Name))
        {
            error = "Missing service name";
            return false;
        }

        TimeSpan? ttl = null;
        TimeSpan? deregisterAfter = null;
        if (Check is { } check)
        {
            if (!GoDuration.TryParse(check.TTL, out var parsedTtl) || parsedTtl <= TimeSpan.Zero)
            {
                error = $"Invalid check: TTL must be a positive Go duration, got '{check.TTL}'";
                return false;
            }

            ttl = parsedTtl;
            if (check.DeregisterCriticalServiceAfter is { } after)
            {
                if (!GoDuration.TryParse(after, out var parsedAfter))
                {
                    error = $"Invalid check: DeregisterCriticalServiceAfter must be a Go duration, got '{after}'";
                    return false;
                }

                deregisterAfter = parsedAfter;
            }
        }

        definition = new ServiceDefinition(
            string.IsNullOrEmpty(ID) ? Name : ID,
            Name,
            Tags ?? [],
            Address ?? "",
            Port,
            Meta ?? [],
            ttl,
            deregisterAfter);
        return true;
    }
}
