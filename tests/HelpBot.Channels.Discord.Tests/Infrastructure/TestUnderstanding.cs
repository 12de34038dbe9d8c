using HelpBot.Engine.Understanding;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>Understands one phrase, and is slow on purpose for texts with "slow" in them (to make the bot defer).</summary>
public sealed class TestUnderstanding : ITextUnderstanding
{
    public const string KnownPhrase = "where is the delete button";
    public const string SlowWord = "slow";

    // Far beyond the 200 ms deferral, so a loaded CI machine (two cores, test projects in parallel) still tells them apart.
    public static TimeSpan SlowDelay { get; } = TimeSpan.FromSeconds(3);

    public TextReading Understand(string text, string language, Topic? near)
    {
        if (text.Contains(SlowWord, StringComparison.Ordinal))
            Thread.Sleep(SlowDelay);
        return text.Contains(KnownPhrase, StringComparison.Ordinal)
            ? TextReading.Answer(new TextMatch(new Topic("aliexpress", TopicKind.Part, "1"), 1))
            : TextReading.NotUnderstood;
    }
}
