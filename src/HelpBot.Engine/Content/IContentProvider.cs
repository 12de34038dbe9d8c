namespace HelpBot.Engine.Content;

/// <summary>The content in force now. A reload replaces <see cref="Current"/> as a whole, never partly.</summary>
public interface IContentProvider
{
    ContentCatalog Current { get; }

    /// <summary>Raised after a successful reload with the new catalog.</summary>
    event Action<ContentCatalog>? Changed;
}

/// <summary>Content fixed for the provider's lifetime: tests, replay, benchmarks.</summary>
public sealed class FixedContentProvider(ContentCatalog catalog) : IContentProvider
{
    public ContentCatalog Current { get; } = catalog;

    public event Action<ContentCatalog>? Changed { add { } remove { } }
}
