namespace HelpBot.Engine.Understanding;

/// <summary>Maps a user's free text to a part of the guide, offline. Null means "not confident enough".</summary>
public interface ITextUnderstanding
{
    TextMatch? Understand(string text, string language);
}

/// <summary>Understands nothing: every free text falls back to the menu and the moderators.</summary>
public sealed class NoTextUnderstanding : ITextUnderstanding
{
    public TextMatch? Understand(string text, string language) => null;
}
