using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Dialog;

/// <summary>What one handler needs: the turn, the user's state (a copy until commit) and the screens of their language.</summary>
internal sealed class TurnContext(Turn turn, UserState state, ScreenBook book, LanguageScreens language, DateTimeOffset now)
{
    public Turn Turn { get; } = turn;

    public UserState State { get; } = state;

    public ScreenBook Book { get; } = book;

    public LanguageScreens Language { get; set; } = language;

    public DateTimeOffset Now { get; } = now;

    public TurnChanges Changes { get; } = new();

    public bool StateChanged { get; set; }

    /// <summary>Set by /forget: nothing of this turn may be written back.</summary>
    public bool Forgotten { get; set; }

    public BotTexts Texts => Language.Texts;

    public string GuideId => State.Guide is { } id && Language.Guides.ContainsKey(id) ? id : Book.Catalog.DefaultGuide;

    public GuideScreens Guide => Language.Guides[GuideId];

    public void Change(Action<UserState> change)
    {
        change(State);
        StateChanged = true;
    }

    public void Record(DialogEventKind kind, int step = 0, string? text = null, string? topic = null) =>
        Changes.Events.Add(new DialogEvent
        {
            Id = Guid.NewGuid(),
            UserKey = Turn.UserKey,
            Kind = kind,
            Guide = GuideId,
            Step = step,
            Text = text,
            Topic = topic,
            Language = Language.Code,
            Community = Turn.Community,
            At = Now,
        });
}
