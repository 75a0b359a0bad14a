using Beamchain.ConsulDouble;

if (args.Any(a => a is "--help" or "-h"))
{
    Console.WriteLine(ConsulDoubleOptions.Usage);
    return 0;
}

if (!ConsulDoubleOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine($"consul-double: {error}");
    Console.Error.WriteLine(ConsulDoubleOptions.Usage);
    return 2;
}

await using var server = await ConsulDoubleServer.StartAsync(options);
Console.WriteLine($"Consul HTTP API double listening on {server.BaseAddress} (Ctrl+C stops it)");
await server.WaitForShutdownAsync();
return 0;
