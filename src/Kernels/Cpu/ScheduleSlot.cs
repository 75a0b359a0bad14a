namespace Beamchain.Kernels.Cpu;

/// <summary>
/// One message-schedule index of a batch: the word W[i], the round constant K[i] and their sum,
/// side by side so that W[i − 2], W[i − 7]… are fixed offsets from one pointer.
/// </summary>
internal struct ScheduleSlot<TVec>
    where TVec : unmanaged
{
    public TVec W;
    public TVec K;
    public TVec KW;
}
