using CloudFoundry.Fake.Engine;
using CloudFoundry.Fake.Platform.CloudFoundry.Errors;
using CloudFoundry.Fake.Platform.CloudFoundry.Requests;

namespace CloudFoundry.Fake.Platform.CloudFoundry.Metadata;

/// <summary>
/// The <c>PATCH</c> that only changes labels and annotations (builds, tasks, revisions, deployments, ...): reads
/// <c>{"metadata": ...}</c> with the usual validation and applies it atomically to the current record.
/// </summary>
public static class MetadataPatch
{
    /// <param name="cf">The request.</param>
    /// <param name="guid">The record to change.</param>
    /// <param name="name">The resource name of the not-found error, e.g. <c>Build</c>.</param>
    /// <param name="with">The record with the new metadata and update time (a <c>with</c> expression).</param>
    public static async Task<T> ApplyAsync<T>(CfContext cf, string guid, string name, Func<T, ResourceMetadata, DateTimeOffset, T> with)
        where T : class, ILabelled
    {
        var body = (await RequestBody.ReadAsync(cf.Http.Request)).AllowOnly("metadata");
        var metadata = body.Metadata();
        body.ThrowIfInvalid();
        return cf.Write(transaction =>
        {
            var current = transaction.Find<T>(guid) ?? throw CfErrors.NotFound(name);
            return transaction.Put(with(current, current.Metadata.Apply(metadata), transaction.Now));
        });
    }
}
