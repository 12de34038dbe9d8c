using HelpBot.Engine.Content;
using HelpBot.Understanding;
using Microsoft.Extensions.Options;

[assembly: AssemblyFixture(typeof(HelpBot.Tests.TrainedModelWarmUp))]

namespace HelpBot.Tests;

/// <summary>
/// Trains the reader on the repository's content once, before any test starts a bot process: the processes then load
/// the model from the shared model folder instead of each training it while their tests' timeouts run.
/// </summary>
public sealed class TrainedModelWarmUp : IDisposable
{
    private readonly ClassifierTextUnderstanding _understanding =
        new(new FixedContentProvider(ContentLoader.Load(RepositoryPaths.Content)), Options.Create(new UnderstandingOptions()));

    public TrainedModelWarmUp() => _understanding.Ready.GetAwaiter().GetResult();

    public void Dispose() => _understanding.Dispose();
}
