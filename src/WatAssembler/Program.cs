using Beamchain.WatAssembler;

// wat-assembler <input.wat> <output.wasm>: run by the node's build for each .wat under Web/.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: wat-assembler <input.wat> <output.wasm>");
    return 2;
}

var (input, output) = (args[0], args[1]);
try
{
    var wasm = ModuleAssembler.Assemble(File.ReadAllText(input));
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    File.WriteAllBytes(output, wasm);
    return 0;
}
catch (WatException e)
{
    // MSBuild's canonical error form, so the build fails pointing at the line and column.
    Console.Error.WriteLine($"{input}({e.Line},{e.Column}): error WAT001: {e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]}");
    return 1;
}
catch (IOException e)
{
    Console.Error.WriteLine($"wat-assembler: {e.Message}");
    return 1;
}
