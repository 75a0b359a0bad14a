namespace Beamchain.Node.Shell;

public static class NodeCommand
{
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        error.WriteLine("node: not built yet (issues 3 and 4)");
        return Task.FromResult(1);
    }
}
