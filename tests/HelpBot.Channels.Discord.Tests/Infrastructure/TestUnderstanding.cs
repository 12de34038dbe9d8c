using HelpBot.Engine.Dialog;
using HelpBot.Engine.Understanding;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>
/// Understands one phrase. Texts with "slow" in them are held until the test lets them finish, so a test can keep a
/// reply unfinished for as long as it needs (to make the bot defer).
/// </summary>
public sealed class TestUnderstanding : ITextUnderstanding, IDisposable
{
    public const string KnownPhrase = "where is the delete button";
    public const string SlowWord = "slow";

    private readonly ManualResetEventSlim _slowMayFinish = new();

    public void LetSlowTextsFinish() => _slowMayFinish.Set();

    public TextReading Understand(string text, string language, Topic? near, string community = Turn.DefaultCommunity)
    {
        // Bounded, so a test that never lets it finish fails instead of hanging.
        if (text.Contains(SlowWord, StringComparison.Ordinal) && !_slowMayFinish.Wait(TimeSpan.FromSeconds(30)))
            throw new TimeoutException("the test never let the slow text finish");
        return text.Contains(KnownPhrase, StringComparison.Ordinal)
            ? TextReading.Answer(new TextMatch(new Topic("aliexpress", TopicKind.Part, "1"), 1))
            : TextReading.NotUnderstood;
    }

    public void Dispose() => _slowMayFinish.Dispose();
}
