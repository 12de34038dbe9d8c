using HelpBot.Engine.Content;
using HelpBot.Tests;
using Microsoft.Extensions.Options;

namespace HelpBot.Understanding.Tests;

/// <summary>The repository's content and one understanding over it, shared by a test class (building the index costs time).</summary>
public sealed class UnderstandingFixture : IDisposable
{
    public UnderstandingFixture()
    {
        Catalog = ContentLoader.Load(RepositoryPaths.Content);
        Understanding = new LuceneTextUnderstanding(new FixedContentProvider(Catalog), Options.Create(new UnderstandingOptions()));
    }

    public ContentCatalog Catalog { get; }

    public LuceneTextUnderstanding Understanding { get; }

    public void Dispose() => Understanding.Dispose();
}
