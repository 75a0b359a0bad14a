using Google.Protobuf;

namespace Beamchain.Node.Grains;

/// <summary>
/// A node's durable copy of the chain grain's pending queue, in the data directory. The grain
/// sends its queue to every member's replica before it acknowledges a <c>mine</c>, so a grain
/// re-activated on any member starts from the same queue. Writes replace the file atomically.
/// </summary>
public sealed class PendingRequestStore
{
    public const string FileName = "pending-requests.pb";

    private readonly Lock _gate = new();
    private readonly string _path;

    public PendingRequestStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        _path = Path.Combine(dataDirectory, FileName);
    }

    public IReadOnlyList<MineRequest> Load()
    {
        lock (_gate)
        {
            return File.Exists(_path) ? PendingQueue.Parser.ParseFrom(File.ReadAllBytes(_path)).Requests.ToArray() : [];
        }
    }

    public void Save(PendingQueue queue)
    {
        lock (_gate)
        {
            var temporary = _path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                queue.WriteTo(file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }
    }

    /// <summary>Drops the requests whose blocks are now stored; puts back those whose blocks a reorganisation took off the main chain.</summary>
    public void Update(IReadOnlyCollection<string> mined, IReadOnlyCollection<MineRequest> unmined)
    {
        if (mined.Count == 0 && unmined.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            var queued = Load();
            var kept = queued.Where(r => !mined.Contains(r.RequestId)).ToList();
            var back = unmined.Where(u => kept.All(k => k.RequestId != u.RequestId)).ToList();
            if (kept.Count == queued.Count && back.Count == 0)
            {
                return; // a sync's blocks mostly answer requests queued long ago: nothing to write
            }

            kept.InsertRange(0, back);
            Save(new PendingQueue { Requests = { kept } });
        }
    }
}
