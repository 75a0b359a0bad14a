using System.Net.WebSockets;

namespace Beamchain.Node.Grid;

/// <summary>A refusal sent to a volunteer: its code, the code's stable name, and the reason in words.</summary>
public sealed record GridError(GridErrorCode Code, string Reason)
{
    public string Name => Code switch
    {
        GridErrorCode.ParseError => "parse-error",
        GridErrorCode.InvalidRequest => "invalid-request",
        GridErrorCode.MethodNotFound => "method-not-found",
        GridErrorCode.InvalidParams => "invalid-params",
        GridErrorCode.Stale => "stale",
        GridErrorCode.Duplicate => "duplicate",
        GridErrorCode.AboveTarget => "above-target",
        GridErrorCode.Unauthorized => "unauthorized",
        GridErrorCode.HelloFirst => "hello-first",
        GridErrorCode.OutsideRange => "outside-range",
        GridErrorCode.RateLimited => "rate-limited",
        GridErrorCode.TooManyInvalid => "too-many-invalid",
        GridErrorCode.TooManyConnections => "too-many-connections",
        GridErrorCode.AuditFailed => "audit-failed",
        GridErrorCode.FrameTooLarge => "frame-too-large",
        _ => "error",
    };

    /// <summary>Whether the gateway closes the socket after sending this error, and with which status.</summary>
    public WebSocketCloseStatus? Closes => Code switch
    {
        GridErrorCode.Unauthorized or GridErrorCode.TooManyInvalid or GridErrorCode.AuditFailed => WebSocketCloseStatus.PolicyViolation,
        GridErrorCode.TooManyConnections => (WebSocketCloseStatus)1013, // try again later
        GridErrorCode.FrameTooLarge => WebSocketCloseStatus.MessageTooBig,
        _ => null,
    };

    /// <summary>Shares refused for these count towards the disconnect after repeated invalid shares.</summary>
    public bool IsInvalidShare => Code is GridErrorCode.Duplicate or GridErrorCode.AboveTarget or GridErrorCode.OutsideRange;
}
