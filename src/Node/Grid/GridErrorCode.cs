namespace Beamchain.Node.Grid;

/// <summary>The error codes of the grid protocol (README, "The protocol"): JSON-RPC's own, then Stratum-like ones.</summary>
public enum GridErrorCode
{
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    Stale = 21,
    Duplicate = 22,
    AboveTarget = 23,
    Unauthorized = 24,
    HelloFirst = 25,
    OutsideRange = 26,
    RateLimited = 27,
    TooManyInvalid = 28,
    TooManyConnections = 29,
    AuditFailed = 30,
    FrameTooLarge = 31,
}
