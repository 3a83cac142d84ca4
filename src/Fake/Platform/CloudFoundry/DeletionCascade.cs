using CloudFoundry.Fake.Engine;

namespace CloudFoundry.Fake.Platform.CloudFoundry;

/// <summary>
/// Deleting an owner (an organization, a space, an app...) deletes what it owns. Each feature registers what
/// it must remove when an owner of some type goes; <see cref="Delete{TOwner}"/> runs those hooks, then removes
/// the owner itself, all inside the caller's transaction.
/// </summary>
public sealed class DeletionCascade
{
    private readonly Dictionary<Type, List<Action<Transaction, object>>> hooks = [];

    public void OnDelete<TOwner>(Action<Transaction, TOwner> hook)
        where TOwner : class, IResource
    {
        if (!hooks.TryGetValue(typeof(TOwner), out var list))
        {
            list = [];
            hooks[typeof(TOwner)] = list;
        }

        list.Add((transaction, owner) => hook(transaction, (TOwner)owner));
    }

    public void Delete<TOwner>(Transaction transaction, TOwner owner)
        where TOwner : class, IResource
    {
        foreach (var hook in hooks.GetValueOrDefault(typeof(TOwner), []))
        {
            hook(transaction, owner);
        }

        transaction.Remove<TOwner>(owner.Guid);
    }
}
