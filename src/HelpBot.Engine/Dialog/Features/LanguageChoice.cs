using HelpBot.Engine.Content;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>
/// The bot's language: <c>/language [code]</c> and the <c>lang[:code]</c> buttons choose it; until the user chooses,
/// free text is answered in the language it is written in, and buttons and menus follow.
/// </summary>
internal static class LanguageChoice
{
    /// <summary><c>lang</c> shows the choice; <c>lang:code</c> makes it, the code one of the content's languages.</summary>
    public static bool IsLanguage(TurnContext context, ActionId action) =>
        action.Argument is null && (action.Target is null || context.Book.Languages.ContainsKey(action.Target));

    public static ValueTask<Reply> Action(TurnContext context, ActionId action, CancellationToken cancellationToken) =>
        Command(context, action.Target ?? "", cancellationToken);

    public static ValueTask<Reply> Command(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        ClearAwaiting(context);
        if (argument.Length == 0)
            return ValueTask.FromResult(context.Language.LanguagePrompt);
        var code = argument.Trim().ToLowerInvariant();
        if (!context.Book.Languages.TryGetValue(code, out var language))
        {
            return ValueTask.FromResult(new Reply(new OutgoingMessage(context.Texts.Format(TextKey.LanguageUnknown,
                ("value", Markup.Escape(argument)), ("available", context.Book.AvailableLanguages)), [context.Language.LanguagePrompt.Messages[0].Buttons[0]])));
        }
        context.Change(s =>
        {
            s.Language = code;
            s.LanguageFromText = false;
        });
        context.Language = language;
        return ValueTask.FromResult(new Reply(new OutgoingMessage(language.Texts[TextKey.LanguageSet] + "\n\n" + context.Guide.Menu.Messages[0].Text, context.Guide.MenuButtons)));
    }

    /// <summary>
    /// Answers a user who has not chosen a language in the one their free text is written in (<paramref name="written"/>,
    /// null when mixed or unclear, which keeps the current one). Returns the language answered in before, when it changed.
    /// </summary>
    public static LanguageScreens? FollowText(TurnContext context, string? written)
    {
        if (written is null || written == context.Language.Code || context.State is { Language: not null, LanguageFromText: false }
            || !context.Book.Languages.TryGetValue(written, out var language))
        {
            return null;
        }
        var before = context.Language;
        context.Change(s =>
        {
            s.Language = written;
            s.LanguageFromText = true;
        });
        context.Language = language;
        return before;
    }

    /// <summary>
    /// Under an answer that followed the text's language: one tap chooses the language answered in before, in its own
    /// words ("Отвечать по-русски"); a choice made, later text no longer switches.
    /// </summary>
    public static Reply WithKeepButton(Reply reply, LanguageScreens before)
    {
        var button = new Button(before.Texts[TextKey.ButtonKeepLanguage], new ActionId(ActionId.Language, before.Code, null).ToString());
        var last = reply.Messages[^1];
        return reply with { Messages = [.. reply.Messages.SkipLast(1), last with { Buttons = [.. last.Buttons, [button]] }] };
    }
}
