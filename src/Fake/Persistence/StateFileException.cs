namespace CloudFoundry.Fake.Persistence;

/// <summary>A state file that cannot be read or written; the message names the file and what is wrong with it.</summary>
public sealed class StateFileException(string message, Exception? inner = null) : Exception(message, inner);
