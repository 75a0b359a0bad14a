using System.Net;
using System.Security.Cryptography;

namespace Beamchain.Node.Grid;

/// <summary>
/// The id a volunteer's address shows as on public pages: a keyed hash, so sessions from one
/// address can be told apart from others without the address being published. The key is new
/// each time a gateway starts; an IPv4 address hashed without one is found by trying all 2^32.
/// </summary>
public sealed class ClientIds
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>8 hex digits of HMAC-SHA-256 over the address's bytes.</summary>
    public string Of(IPAddress address) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, address.GetAddressBytes()).AsSpan(0, 4));
}
