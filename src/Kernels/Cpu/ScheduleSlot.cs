namespace Beamchain.Kernels.Cpu;

/// <summary>
/// One message-schedule index of a batch, for up to three chains: the words W[i], the round
/// constant K[i] and the sums K[i] + W[i], side by side so that W[i − 2], W[i − 7]… are fixed
/// offsets from one pointer. Chain c's word is <c>Unsafe.Add(ref W0, c)</c>.
/// </summary>
internal struct ScheduleSlot<TVec>
    where TVec : unmanaged
{
    public TVec W0;
    public TVec W1;
    public TVec W2;
    public TVec K;
    public TVec KW0;
    public TVec KW1;
    public TVec KW2;
}
