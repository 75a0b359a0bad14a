namespace Beamchain.WatAssembler;

/// <summary>Bytes of the binary format: LEB128 integers, vectors with their length first.</summary>
public sealed class WasmWriter
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public void Byte(byte value) => _bytes.Add(value);

    public void Bytes(IEnumerable<byte> values) => _bytes.AddRange(values);

    public void Unsigned(ulong value)
    {
        do
        {
            var low = (byte)(value & 0x7f);
            value >>= 7;
            _bytes.Add(value == 0 ? low : (byte)(low | 0x80));
        }
        while (value != 0);
    }

    public void Signed(long value)
    {
        while (true)
        {
            var low = (byte)(value & 0x7f);
            value >>= 7;
            var done = (value == 0 && (low & 0x40) == 0) || (value == -1 && (low & 0x40) != 0);
            _bytes.Add(done ? low : (byte)(low | 0x80));
            if (done)
            {
                return;
            }
        }
    }

    public void Name(string name)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        Unsigned((ulong)utf8.Length);
        Bytes(utf8);
    }

    /// <summary>Writes <paramref name="content"/> preceded by its length in bytes (sections, function bodies).</summary>
    public void Sized(WasmWriter content)
    {
        Unsigned((ulong)content.Length);
        Bytes(content._bytes);
    }

    public void Append(WasmWriter content) => Bytes(content._bytes);

    public byte[] ToArray() => [.. _bytes];
}
