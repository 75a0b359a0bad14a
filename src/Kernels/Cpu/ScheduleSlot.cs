namespace Beamchain.Kernels.Cpu;

/// <summary>
/// One message-schedule index for a batch of two chains (X and Y): the words W[i], the round
/// constant K[i] and the sums K[i] + W[i], side by side so that W[i − 2], W[i − 7]… are fixed
/// offsets from one pointer.
/// </summary>
internal struct ScheduleSlot<TVec>
    where TVec : unmanaged
{
    public TVec WX;
    public TVec WY;
    public TVec K;
    public TVec KWX;
    public TVec KWY;
}
