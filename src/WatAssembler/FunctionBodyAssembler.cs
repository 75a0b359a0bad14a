namespace Beamchain.WatAssembler;

/// <summary>
/// Turns one function's instructions into its code bytes. Takes the flat form
/// (<c>local.get $x i32.const 1 i32.add</c>) and the folded form
/// (<c>(i32.add (local.get $x) (i32.const 1))</c>, operands first), and the folded
/// <c>block</c>, <c>loop</c> and <c>if … (then …) (else …)</c>. Labels and locals may be named.
/// </summary>
public sealed class FunctionBodyAssembler
{
    private readonly IReadOnlyDictionary<string, int> _locals;
    private readonly IReadOnlyDictionary<string, int> _functions;
    private readonly List<string?> _labels = [];
    private readonly WasmWriter _code = new();

    public FunctionBodyAssembler(IReadOnlyDictionary<string, int> locals, IReadOnlyDictionary<string, int> functions)
    {
        _locals = locals;
        _functions = functions;
    }

    /// <summary>Assembles the instructions and the function's closing <c>end</c>.</summary>
    public WasmWriter Assemble(IReadOnlyList<SExpression> instructions)
    {
        Sequence(instructions, 0);
        if (_labels.Count != 0)
        {
            throw instructions[^1].Error($"{_labels.Count} block(s) not closed with 'end'");
        }

        _code.Byte(0x0b);
        return _code;
    }

    private void Sequence(IReadOnlyList<SExpression> items, int start)
    {
        for (var i = start; i < items.Count;)
        {
            var item = items[i];
            if (item.IsList)
            {
                Folded(item);
                i++;
                continue;
            }

            var instruction = Lookup(item);
            i++;
            instruction.WriteOpcode(_code);
            i = Immediates(instruction, item, items, i);
        }
    }

    private void Folded(SExpression list)
    {
        var head = list.Head ?? throw list.Error("expected an instruction such as (i32.add ...)");
        switch (head)
        {
            case "block" or "loop":
            {
                var instruction = Lookup(list.Items[0]);
                instruction.WriteOpcode(_code);
                Sequence(list.Items, BlockType(list.Items, 1));
                End();
                return;
            }

            case "if":
            {
                var next = BlockTypeLength(list.Items, 1);
                var thenPart = list.Items.FirstOrDefault(x => x.Head == "then") ?? throw list.Error("(if ...) needs a (then ...)");
                var elsePart = list.Items.FirstOrDefault(x => x.Head == "else");
                foreach (var condition in list.Items.Skip(next).Where(x => x.Head is not ("then" or "else")))
                {
                    Folded(condition);
                }

                Lookup(list.Items[0]).WriteOpcode(_code);
                BlockType(list.Items, 1);
                Sequence(thenPart.Items, 1);
                if (elsePart is not null)
                {
                    _code.Byte(0x05);
                    Sequence(elsePart.Items, 1);
                }

                End();
                return;
            }
        }

        var op = Lookup(list.Items[0]);
        var operands = Immediates(op, list.Items[0], list.Items, 1, writeTo: null);
        for (var i = operands; i < list.Items.Count; i++)
        {
            if (list.Items[i].IsAtom)
            {
                throw list.Items[i].Error($"'{list.Items[i]}' is not an immediate of {op.Name}; operands must be parenthesised");
            }

            Folded(list.Items[i]);
        }

        op.WriteOpcode(_code);
        Immediates(op, list.Items[0], list.Items, 1);
    }

    /// <summary>Writes the immediates of <paramref name="instruction"/> read from items[index..]; returns the index after them.</summary>
    private int Immediates(Instruction instruction, SExpression at, IReadOnlyList<SExpression> items, int index) =>
        Immediates(instruction, at, items, index, _code);

    private int Immediates(Instruction instruction, SExpression at, IReadOnlyList<SExpression> items, int index, WasmWriter? writeTo)
    {
        SExpression Take(string what) =>
            index < items.Count && items[index].IsAtom ? items[index++] : throw at.Error($"{instruction.Name} needs {what}");

        switch (instruction.Immediate)
        {
            case Immediate.None:
                if (writeTo is not null && instruction.Name == "end")
                {
                    End(writeOpcode: false);
                }

                return index;
            case Immediate.Local:
            {
                var local = Take("a local");
                writeTo?.Unsigned((ulong)Index(local, _locals, "local"));
                return index;
            }

            case Immediate.Function:
            {
                var function = Take("a function");
                writeTo?.Unsigned((ulong)Index(function, _functions, "function"));
                return index;
            }

            case Immediate.Label:
            {
                var label = Take("a label");
                writeTo?.Unsigned((ulong)LabelDepth(label));
                return index;
            }

            case Immediate.I32:
                var value = WatNumbers.I32(Take("a value"));
                writeTo?.Signed(value);
                return index;
            case Immediate.Lane:
                var lane = WatNumbers.Unsigned(Take("a lane index"), 3);
                writeTo?.Byte((byte)lane);
                return index;
            case Immediate.V128:
            {
                var shape = Take("a shape (i32x4)");
                if (shape.Atom != "i32x4")
                {
                    throw shape.Error("only v128.const i32x4 a b c d is supported");
                }

                for (var lanes = 0; lanes < 4; lanes++)
                {
                    // Lanes are stored little-endian, lane 0 first.
                    var word = (uint)WatNumbers.I32(Take("four i32 lanes"));
                    writeTo?.Bytes([(byte)word, (byte)(word >> 8), (byte)(word >> 16), (byte)(word >> 24)]);
                }

                return index;
            }

            case Immediate.Memory:
            {
                uint offset = 0;
                var alignment = instruction.NaturalAlignment;
                while (index < items.Count && items[index].Atom is { } text && (text.StartsWith("offset=") || text.StartsWith("align=")))
                {
                    var argument = items[index++];
                    var number = new SExpression(text[(text.IndexOf('=') + 1)..], [], argument.Line, argument.Column);
                    if (text.StartsWith("offset="))
                    {
                        offset = WatNumbers.Unsigned(number, uint.MaxValue);
                    }
                    else
                    {
                        var bytes = WatNumbers.Unsigned(number, 16);
                        if (bytes == 0 || (bytes & (bytes - 1)) != 0 || bytes > (1u << instruction.NaturalAlignment))
                        {
                            throw argument.Error($"align={bytes} must be a power of two at most {1 << instruction.NaturalAlignment} for {instruction.Name}");
                        }

                        alignment = System.Numerics.BitOperations.Log2(bytes);
                    }
                }

                writeTo?.Unsigned((ulong)alignment);
                writeTo?.Unsigned(offset);
                return index;
            }

            case Immediate.Block:
                return writeTo is null ? index : BlockType(items, index);
            default:
                throw at.Error($"{instruction.Name}: unhandled immediate");
        }
    }

    /// <summary>Reads an optional <c>$label</c> and <c>(result t)</c>, writes the block type, opens the label.</summary>
    private int BlockType(IReadOnlyList<SExpression> items, int index)
    {
        string? label = null;
        if (index < items.Count && items[index].IsName)
        {
            label = items[index++].Atom;
        }

        if (index < items.Count && items[index].Head == "result")
        {
            var result = items[index++];
            if (result.Items.Count != 2)
            {
                throw result.Error("a block may have one result type here");
            }

            _code.Byte(ValueTypes.Code(result.Items[1]));
        }
        else
        {
            _code.Byte(0x40);
        }

        _labels.Add(label);
        return index;
    }

    private static int BlockTypeLength(IReadOnlyList<SExpression> items, int index)
    {
        if (index < items.Count && items[index].IsName)
        {
            index++;
        }

        if (index < items.Count && items[index].Head == "result")
        {
            index++;
        }

        return index;
    }

    private void End(bool writeOpcode = true)
    {
        if (writeOpcode)
        {
            _code.Byte(0x0b);
        }

        if (_labels.Count == 0)
        {
            throw new WatException("'end' without an open block", 0, 0);
        }

        _labels.RemoveAt(_labels.Count - 1);
    }

    private int LabelDepth(SExpression label)
    {
        if (!label.IsName)
        {
            return (int)WatNumbers.Unsigned(label, (uint)Math.Max(0, _labels.Count));
        }

        var at = _labels.LastIndexOf(label.Atom);
        return at >= 0 ? _labels.Count - 1 - at : throw label.Error($"no enclosing block is labelled {label}");
    }

    private static int Index(SExpression reference, IReadOnlyDictionary<string, int> names, string what) =>
        reference.IsName
            ? names.TryGetValue(reference.Atom!, out var index) ? index : throw reference.Error($"unknown {what} {reference}")
            : (int)WatNumbers.Unsigned(reference, int.MaxValue);

    private static Instruction Lookup(SExpression atom) =>
        InstructionSet.TryGet(atom.Atom ?? "", out var instruction)
            ? instruction
            : throw atom.Error($"unknown instruction '{atom}' (the assembler knows the subset in InstructionSet.cs)");
}
