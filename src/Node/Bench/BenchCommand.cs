namespace Beamchain.Node.Bench;

public static class BenchCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        error.WriteLine("bench: not built yet (issue 2)");
        return 1;
    }
}
