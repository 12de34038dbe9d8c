using HelpBot.Engine.Content;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>The bot's language: <c>/language [code]</c> and the <c>lang[:code]</c> buttons.</summary>
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
        context.Change(s => s.Language = code);
        context.Language = language;
        return ValueTask.FromResult(new Reply(new OutgoingMessage(language.Texts[TextKey.LanguageSet] + "\n\n" + context.Guide.Menu.Messages[0].Text, context.Guide.MenuButtons)));
    }
}
