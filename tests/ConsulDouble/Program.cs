using Beamchain.CommandLine;
using Beamchain.ConsulDouble;

var commandLine = new ConsulDoubleCommandLine().Create(async options =>
{
    await using var server = await ConsulDoubleServer.StartAsync(options);
    Console.WriteLine($"Consul HTTP API double listening on {server.BaseAddress} (Ctrl+C stops it)");
    await server.WaitForShutdownAsync();
    return 0;
});
return await CommandLineRun.RunAsync(commandLine, args, Console.Out, Console.Error);
