namespace HelpBot.Engine.Understanding;

/// <summary>Maps a user's free text to a part of the guide, offline, or to the parts it may be about when it is not sure.</summary>
public interface ITextUnderstanding
{
    TextReading Understand(string text, string language);
}

/// <summary>Understands nothing: every free text falls back to the menu and the moderators.</summary>
public sealed class NoTextUnderstanding : ITextUnderstanding
{
    public TextReading Understand(string text, string language) => TextReading.NotUnderstood;
}
