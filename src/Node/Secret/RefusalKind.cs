namespace Beamchain.Node.Secret;

/// <summary>Why a connection was refused; the refusal log limits its lines per kind.</summary>
public enum RefusalKind
{
    /// <summary>The peer spoke without a handshake (plain HTTP/2: a node with no secret, or something else).</summary>
    NoHandshake,

    /// <summary>The peer's proof did not match: it holds another secret.</summary>
    WrongSecret,

    /// <summary>The peer closed or stalled mid-handshake (e.g. it refused our proof, or has no secret).</summary>
    Incomplete,
}
