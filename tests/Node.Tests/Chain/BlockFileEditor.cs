using System.Buffers.Binary;
using System.Security.Cryptography;
using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Chain;

/// <summary>
/// Damages a block file the way crashes and disks do, written from the README's description
/// of the format (8-byte magic, then length | SHA-256 | payload records) rather than the store's code.
/// </summary>
internal sealed class BlockFileEditor(string directory)
{
    public const int MagicLength = 8;
    public const int FrameLength = 36;

    public string Path { get; } = System.IO.Path.Combine(directory, ChainStore.FileName);

    public byte[] Bytes => File.ReadAllBytes(Path);

    /// <summary>Where each record starts.</summary>
    public IReadOnlyList<int> RecordOffsets()
    {
        var bytes = Bytes;
        var offsets = new List<int>();
        for (var offset = MagicLength; offset < bytes.Length; offset += FrameLength + (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset)))
        {
            offsets.Add(offset);
        }

        return offsets;
    }

    public void CutLast(int count)
    {
        using var file = new FileStream(Path, FileMode.Open);
        file.SetLength(file.Length - count);
    }

    public void Append(byte[] bytes)
    {
        using var file = new FileStream(Path, FileMode.Append);
        file.Write(bytes);
    }

    public void Overwrite(int offset, byte[] bytes)
    {
        var all = Bytes;
        bytes.CopyTo(all, offset);
        File.WriteAllBytes(Path, all);
    }

    /// <summary>Changes record <paramref name="index"/>'s payload in place (same length), optionally fixing its checksum as a deliberate forger would.</summary>
    public void EditPayload(int index, Action<byte[]> edit, bool fixChecksum)
    {
        var all = Bytes;
        var offset = RecordOffsets()[index];
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(all.AsSpan(offset));
        var payload = all.AsSpan(offset + FrameLength, length).ToArray();
        edit(payload);
        payload.CopyTo(all, offset + FrameLength);
        if (fixChecksum)
        {
            SHA256.HashData(payload).CopyTo(all, offset + 4);
        }

        File.WriteAllBytes(Path, all);
    }
}
