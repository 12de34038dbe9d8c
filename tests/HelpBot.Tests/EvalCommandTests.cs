namespace HelpBot.Tests;

/// <summary><c>helpbot eval</c>, run as moderators run it: the figures the issue asks for, and a failing exit code when an off-topic message gets a section.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("helpbot-eval-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Eval_CrossValidation_PrintsTheFiguresPerLanguageAndKindAndTheSweep()
    {
        var result = await HelpBotProcess.RunAsync(RepositoryPaths.Root, "", null, "eval", "--cv", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2-fold cross-validation over", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"top-1 accuracy: \d+[.,]\d % \(\d+/\d+\)", result.Output);
        Assert.Matches(@"off-topic fallback rate: \d+[.,]\d % \(\d+/\d+\)", result.Output);
        Assert.Matches(@"wrong sections: \d+ ", result.Output);
        Assert.Matches(@"ru situation +\d+[.,]\d % \(\d+/\d+; \d+ wrong, \d+ not answered\)", result.Output);
        Assert.Matches(@"  0[.,]45: +\d+[.,]\d % /", result.Output);
    }

    [Theory]
    [InlineData("--cv")]
    [InlineData("--cv", "1")]
    [InlineData("--cv", "many")]
    public async Task Eval_BadFoldCount_SaysWhatIsWrong(params string[] args)
    {
        var result = await HelpBotProcess.RunAsync(RepositoryPaths.Root, "", null, ["eval", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--cv needs a number of folds from 2 to 50", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_OffTopicLabelThatGetsASection_FailsAndShowsTheMiss()
    {
        var file = Path.Combine(_folder, "set.tsv");
        await File.WriteAllTextAsync(file, "ru\tnone\tofftopic\tчто будет с заказами после удаления аккаунта\nen\toverview\tparaphrase\thow do I delete my aliexpress account\n", TestContext.Current.CancellationToken);

        var result = await HelpBotProcess.RunAsync(RepositoryPaths.Root, "", null, "eval", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("off-topic fallback rate: 0.0 % (0/1)", result.Output, StringComparison.Ordinal);
        Assert.Contains("expected none, got consequence:deals-deleted", result.Output, StringComparison.Ordinal);
    }
}
