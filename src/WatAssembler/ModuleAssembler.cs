namespace Beamchain.WatAssembler;

/// <summary>
/// Assembles a WebAssembly text module into the binary format. The subset: <c>(memory)</c>,
/// <c>(func)</c> with named params, results and locals, inline <c>(export "name")</c> on both,
/// and the instructions in <see cref="InstructionSet"/>. Types are derived from the functions
/// and shared when equal. Anything outside the subset is an error with its line and column.
/// </summary>
public static class ModuleAssembler
{
    private const byte TypeSection = 1;
    private const byte FunctionSection = 3;
    private const byte MemorySection = 5;
    private const byte ExportSection = 7;
    private const byte CodeSection = 10;

    public static byte[] Assemble(string text)
    {
        var top = SExpressionReader.Read(text);
        if (top.Count != 1 || top[0].Head != "module")
        {
            throw (top.Count > 0 ? top[0] : new SExpression(null, [], 1, 1)).Error("expected one (module ...)");
        }

        var fields = top[0].Items.Skip(1).ToList();
        var functions = fields.Where(f => f.Head == "func").ToList();
        var memories = fields.Where(f => f.Head == "memory").ToList();
        foreach (var field in fields.Where(f => f.Head is not ("func" or "memory")))
        {
            throw field.Error($"module field '{field.Head ?? field.ToString()}' is not supported (only func and memory)");
        }

        if (memories.Count > 1)
        {
            throw memories[1].Error("one memory at most");
        }

        var functionNames = new Dictionary<string, int>();
        for (var i = 0; i < functions.Count; i++)
        {
            if (functions[i].Items.Count > 1 && functions[i].Items[1].IsName)
            {
                functionNames[functions[i].Items[1].Atom!] = i;
            }
        }

        var signatures = functions.Select(Signature.Of).ToList();
        var types = signatures.Select(s => s.Key).Distinct().ToList();
        var exports = new List<(string Name, byte Kind, int Index)>();

        var module = new WasmWriter();
        module.Bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

        Section(module, TypeSection, types.Count, w =>
        {
            foreach (var key in types)
            {
                var signature = signatures.First(s => s.Key == key);
                w.Byte(0x60);
                w.Unsigned((ulong)signature.Params.Count);
                w.Bytes(signature.Params.Select(p => p.Type));
                w.Unsigned((ulong)signature.Results.Count);
                w.Bytes(signature.Results);
            }
        });

        Section(module, FunctionSection, functions.Count, w =>
        {
            foreach (var signature in signatures)
            {
                w.Unsigned((ulong)types.IndexOf(signature.Key));
            }
        });

        if (memories.Count == 1)
        {
            var memory = memories[0];
            var limits = new List<uint>();
            foreach (var item in memory.Items.Skip(1))
            {
                if (item.Head == "export")
                {
                    exports.Add((ExportName(item), 0x02, 0));
                }
                else if (item.IsAtom && !item.IsName)
                {
                    limits.Add(WatNumbers.Unsigned(item, 65536));
                }
                else if (!item.IsName)
                {
                    throw item.Error("expected (memory (export \"name\")? min max?)");
                }
            }

            if (limits.Count is 0 or > 2)
            {
                throw memory.Error("memory needs a minimum size in 64 KiB pages, and at most a maximum");
            }

            Section(module, MemorySection, 1, w =>
            {
                w.Byte(limits.Count == 1 ? (byte)0x00 : (byte)0x01);
                foreach (var limit in limits)
                {
                    w.Unsigned(limit);
                }
            });
        }

        for (var i = 0; i < functions.Count; i++)
        {
            foreach (var export in functions[i].Items.Where(x => x.Head == "export"))
            {
                exports.Add((ExportName(export), 0x00, i));
            }
        }

        Section(module, ExportSection, exports.Count, w =>
        {
            foreach (var (name, kind, index) in exports)
            {
                w.Name(name);
                w.Byte(kind);
                w.Unsigned((ulong)index);
            }
        });

        Section(module, CodeSection, functions.Count, w =>
        {
            for (var i = 0; i < functions.Count; i++)
            {
                w.Sized(Body(functions[i], signatures[i], functionNames));
            }
        });

        return module.ToArray();
    }

    private static WasmWriter Body(SExpression function, Signature signature, IReadOnlyDictionary<string, int> functionNames)
    {
        var localNames = new Dictionary<string, int>();
        var index = 0;
        foreach (var (name, _) in signature.Params)
        {
            if (name is not null)
            {
                localNames[name] = index;
            }

            index++;
        }

        var locals = new List<byte>();
        var rest = function.Items.Skip(1).SkipWhile(x => x.IsName || x.Head is "export" or "param" or "result").ToList();
        var declarations = rest.TakeWhile(x => x.Head == "local").ToList();
        foreach (var declaration in declarations)
        {
            foreach (var (name, type) in NamedTypes(declaration))
            {
                if (name is not null)
                {
                    localNames[name] = index;
                }

                locals.Add(type);
                index++;
            }
        }

        var body = new WasmWriter();
        var runs = new List<(int Count, byte Type)>();
        foreach (var type in locals)
        {
            if (runs.Count > 0 && runs[^1].Type == type)
            {
                runs[^1] = (runs[^1].Count + 1, type);
            }
            else
            {
                runs.Add((1, type));
            }
        }

        body.Unsigned((ulong)runs.Count);
        foreach (var (count, type) in runs)
        {
            body.Unsigned((ulong)count);
            body.Byte(type);
        }

        var code = new FunctionBodyAssembler(localNames, functionNames).Assemble(rest.Skip(declarations.Count).ToList());
        body.Append(code);
        return body;
    }

    /// <summary>(param $x i32) or (param i32 i32), likewise for local.</summary>
    private static IEnumerable<(string? Name, byte Type)> NamedTypes(SExpression declaration)
    {
        var items = declaration.Items.Skip(1).ToList();
        if (items.Count == 2 && items[0].IsName)
        {
            yield return (items[0].Atom, ValueTypes.Code(items[1]));
            yield break;
        }

        foreach (var item in items)
        {
            yield return (null, ValueTypes.Code(item));
        }
    }

    private static string ExportName(SExpression export)
    {
        if (export.Items.Count != 2 || !export.Items[1].IsString)
        {
            throw export.Error("expected (export \"name\")");
        }

        var quoted = export.Items[1].Atom!;
        return quoted[1..^1];
    }

    private static void Section(WasmWriter module, byte id, int count, Action<WasmWriter> write)
    {
        if (count == 0)
        {
            return;
        }

        var content = new WasmWriter();
        content.Unsigned((ulong)count);
        write(content);
        module.Byte(id);
        module.Sized(content);
    }

    private sealed record Signature(IReadOnlyList<(string? Name, byte Type)> Params, IReadOnlyList<byte> Results)
    {
        public string Key => Convert.ToHexString(Params.Select(p => p.Type).ToArray()) + ":" + Convert.ToHexString(Results.ToArray());

        public static Signature Of(SExpression function) => new(
            function.Items.Where(x => x.Head == "param").SelectMany(NamedTypes).ToList(),
            function.Items.Where(x => x.Head == "result").SelectMany(r => r.Items.Skip(1).Select(ValueTypes.Code)).ToList());
    }
}
