using HelpBot.Engine.Content;

namespace HelpBot.Engine.Tests;

/// <summary>The repository's content, and temporary copies of it to break on purpose.</summary>
public static class TestContent
{
    public static string Directory => HelpBot.Tests.RepositoryPaths.Content;

    private static readonly Lazy<ContentCatalog> Catalog = new(() => ContentLoader.Load(Directory));

    public static ContentCatalog Load() => Catalog.Value;

    /// <summary>Copies content/ to a temp folder; the caller deletes it.</summary>
    public static HelpBot.Tests.ContentCopy Copy() => new();
}
