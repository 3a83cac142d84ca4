namespace CloudFoundry.Fake.Engine;

/// <summary>Anything stored in a <see cref="World"/> table: identified by a GUID.</summary>
public interface IResource
{
    string Guid { get; }
}
