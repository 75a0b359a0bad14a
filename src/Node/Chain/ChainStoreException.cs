namespace Beamchain.Node.Chain;

/// <summary>The store cannot be opened or used; the message says what is wrong and what to do.</summary>
public sealed class ChainStoreException(string message, Exception? inner = null) : Exception(message, inner);
