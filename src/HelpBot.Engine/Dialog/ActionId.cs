namespace HelpBot.Engine.Dialog;

/// <summary>
/// Button action ids are short addresses <c>verb[:target[:argument]]</c> (target: a guide id or a language code), in the spirit of Discord.Net's
/// <c>name:arg,arg</c> custom ids. They fit Telegram's 64-byte callback_data and Discord's custom_id.
/// Parsing is strict: anything a client forges that is not exactly this shape is rejected.
/// </summary>
public readonly record struct ActionId(string Verb, string? Target, string? Argument)
{
    public const int MaxBytes = 64;

    public const string Menu = "menu";
    public const string Help = "help";
    public const string Consequences = "cons";
    public const string Accept = "accept";
    public const string Step = "step";
    public const string Resume = "steps";
    public const string Reasons = "reasons";
    public const string Reason = "reason";
    public const string Feedback = "fb";
    public const string Skip = "skip";
    public const string Ask = "ask";
    public const string Language = "lang";
    public const string Done = "done";
    public const string Guide = "guide";
    public const string AnswerQuestion = "answer";
    public const string RateAnswer = "rate";

    /// <summary>"Not what I asked" under a free-text answer: <c>misread:guide:n</c>, n being <see cref="Storage.UserState.ReadNumber"/>.</summary>
    public const string Misread = "misread";

    /// <summary>Passes the misread free text to the moderators as a question: <c>sendread:guide:n</c>.</summary>
    public const string SendRead = "sendread";

    /// <summary>Opens a section of a guide offered when the bot was not sure what a message meant: <c>topic:guide:kind_id</c>.</summary>
    public const string Topic = "topic";

    /// <summary>Files a text of the review queue under a section: <c>rv:key:label</c>, <c>rv:key:none</c> (off-topic), <c>rv:key:skip</c>.</summary>
    public const string Review = "rv";

    /// <summary>Files an answered question's text under a section: <c>rq:question:label</c> or <c>rq:question:none</c>.</summary>
    public const string ReviewQuestion = "rq";

    /// <summary>
    /// A moderator's draft of a saved answer made from an answered question: <c>draft:question</c> opens it,
    /// <c>draft:question:save</c>, <c>…:title</c>, <c>…:question</c> and <c>…:cancel</c> act on it.
    /// </summary>
    public const string Draft = "draft";

    /// <summary>Gives a saved answer offered when the bot was not sure what a message meant: <c>saved:id</c>.</summary>
    public const string SavedAnswer = "saved";

    /// <summary>👍/👎 under a saved answer: <c>savedrate:id:yes-n</c> or <c>savedrate:id:no-n</c>, n being <see cref="Storage.UserState.SavedServing"/>.</summary>
    public const string RateSavedAnswer = "savedrate";
    /// <summary>A saved answer's button in <c>/faq</c>: <c>faq:ID:v_en</c> (open), <c>t_en</c>, <c>x_en</c>, <c>n_en</c> (title, text, translate), <c>d</c>, <c>dy</c> (delete).</summary>
    public const string Faq = "faq";

    public override string ToString() =>
        Target is null ? Verb : Argument is null ? Verb + ":" + Target : Verb + ":" + Target + ":" + Argument;

    public static bool TryParse(string? value, out ActionId action)
    {
        action = default;
        if (string.IsNullOrEmpty(value) || value.Length > MaxBytes)
            return false;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_'))
                return false;
        }
        var parts = value.Split(':');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0))
            return false;
        action = new ActionId(parts[0], parts.Length > 1 ? parts[1] : null, parts.Length > 2 ? parts[2] : null);
        return true;
    }
}
