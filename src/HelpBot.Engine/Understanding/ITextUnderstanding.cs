namespace HelpBot.Engine.Understanding;

/// <summary>Maps a user's free text to a part of the guide, offline, or to the parts it may be about when it is not sure.</summary>
public interface ITextUnderstanding
{
    /// <param name="near">
    /// The section the user was last shown, if any: a short follow-up is read in its light ("а почта?" after the
    /// consequences is the e-mail's consequence; at the form, its e-mail line).
    /// </param>
    /// <param name="community">
    /// The user's community: a saved answer is read only where it is served, in its languages and to its community.
    /// </param>
    TextReading Understand(string text, string language, Topic? near, string community = Dialog.Turn.DefaultCommunity);
}

/// <summary>Understands nothing: every free text falls back to the menu and the moderators.</summary>
public sealed class NoTextUnderstanding : ITextUnderstanding
{
    public TextReading Understand(string text, string language, Topic? near, string community = Dialog.Turn.DefaultCommunity) => TextReading.NotUnderstood;
}
