using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Model;
using HelpBot.Understanding.Training;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpBot.Understanding.Tests.Model;

/// <summary>Models kept by their training data's digest: trained once, loaded after, retrained when the file is damaged.</summary>
public sealed class ModelStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("helpbot-models-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A small training set of its own (a unique off-topic line), so no other test's model is in memory for it.</summary>
    private static TrainingExample[] Examples() =>
    [
        new(new Topic("g", TopicKind.Overview), "en", "paraphrase", "how do I delete my account", "t:1"),
        new(new Topic("g", TopicKind.Overview), "ru", "paraphrase", "как удалить аккаунт", "t:2"),
        new(new Topic("g", TopicKind.Done), "en", "paraphrase", "what happens after I send the form", "t:3"),
        new(new Topic("g", TopicKind.Done), "ru", "paraphrase", "что будет после отправки формы", "t:4"),
        new(null, "en", "offtopic", "weather tomorrow " + Guid.NewGuid().ToString("N"), "t:5"),
    ];

    [Fact]
    public void Get_SameTrainingDataInANewProcess_LoadsTheSavedModelWithTheSameAnswers()
    {
        var examples = Examples();
        var first = new ModelStore(_folder, NullLogger.Instance).Get(examples, new ModelSettings(), out var trained);
        ModelStore.ForgetInMemory();
        var second = new ModelStore(_folder, NullLogger.Instance).Get(examples, new ModelSettings(), out var trainedAgain);

        Assert.True(trained);
        Assert.False(trainedAgain);
        Assert.Single(Directory.GetFiles(_folder, "*.model"));
        var message = TextNormalizer.Normalize("what happens after the form");
        Assert.Equal(first.Rank(message), second.Rank(message));
    }

    [Fact]
    public void Get_SavingAModel_DeletesThePreviousReadersZipModels()
    {
        var old = Path.Combine(_folder, "0123456789abcdef-0011aabb-0a1b2c3d4e5f.zip");
        File.WriteAllBytes(old, [1, 2, 3]);

        new ModelStore(_folder, NullLogger.Instance).Get(Examples(), new ModelSettings(), out var trained);

        Assert.True(trained);
        Assert.False(File.Exists(old));
        Assert.Single(Directory.GetFiles(_folder, "*.model"));
    }

    [Fact]
    public void Get_DamagedModelFile_TrainsAgainAndReplacesIt()
    {
        var examples = Examples();
        new ModelStore(_folder, NullLogger.Instance).Get(examples, new ModelSettings(), out _);
        ModelStore.ForgetInMemory();
        var file = Assert.Single(Directory.GetFiles(_folder, "*.model"));
        File.WriteAllBytes(file, [1, 2, 3]);

        var model = new ModelStore(_folder, NullLogger.Instance).Get(examples, new ModelSettings(), out var trained);

        Assert.True(trained);
        Assert.True(new FileInfo(file).Length > 1000);
        Assert.Equal(new Topic("g", TopicKind.Done), model.Rank(TextNormalizer.Normalize("после отправки формы"))[0].Topic);
    }

    [Fact]
    public void Get_UnwritableFolder_StillTrains()
    {
        var blocked = Path.Combine(_folder, "file");
        File.WriteAllText(blocked, "not a folder");

        var model = new ModelStore(Path.Combine(blocked, "models"), NullLogger.Instance).Get(Examples(), new ModelSettings(), out var trained);

        Assert.True(trained);
        Assert.Equal(new Topic("g", TopicKind.Overview), model.Rank(TextNormalizer.Normalize("delete my account"))[0].Topic);
    }
}
