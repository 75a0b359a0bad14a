namespace Beamchain.Node.Shell;

public enum CommandOutcome
{
    /// <summary>The command did its work.</summary>
    Done,

    /// <summary>The command could not do its work and said why on the error writer.</summary>
    Failed,

    /// <summary>End the session.</summary>
    Exit,
}
