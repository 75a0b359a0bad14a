namespace Beamchain.ConsulDouble;

/// <summary>A registered service as a health query sees it; <see cref="CheckStatus"/> is null when it has no check.</summary>
public sealed record ServiceInstance(ServiceDefinition Definition, CheckStatus? CheckStatus)
{
    public bool IsPassing => CheckStatus is null or ConsulDouble.CheckStatus.Passing;
}
