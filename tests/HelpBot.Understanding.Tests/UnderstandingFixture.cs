using HelpBot.Engine.Content;
using HelpBot.Tests;
using Microsoft.Extensions.Options;

namespace HelpBot.Understanding.Tests;

/// <summary>The repository's content and the reader trained on it, shared by a test class (training costs seconds).</summary>
public sealed class UnderstandingFixture : IDisposable
{
    public UnderstandingFixture()
    {
        Catalog = ContentLoader.Load(RepositoryPaths.Content);
        Understanding = new ClassifierTextUnderstanding(new FixedContentProvider(Catalog), Options.Create(new UnderstandingOptions()));
    }

    public ContentCatalog Catalog { get; }

    public ClassifierTextUnderstanding Understanding { get; }

    public void Dispose() => Understanding.Dispose();
}
