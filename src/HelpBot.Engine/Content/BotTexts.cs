using System.Collections.Frozen;
using System.Text;

namespace HelpBot.Engine.Content;

/// <summary>The phrases of one language, indexed by <see cref="TextKey"/>.</summary>
public sealed class BotTexts
{
    private readonly string[] _values;

    internal BotTexts(string[] values, IReadOnlyDictionary<string, CommandTexts> commands)
    {
        _values = values;
        Commands = commands;
    }

    public string this[TextKey key] => _values[(int)key];

    /// <summary>The texts of every listed command of <see cref="Dialog.DialogTable"/>, by command name.</summary>
    public IReadOnlyDictionary<string, CommandTexts> Commands { get; }

    /// <summary>Fills <c>{name}</c> placeholders; the loader has already checked they exist.</summary>
    public string Format(TextKey key, params ReadOnlySpan<(string Name, string Value)> values)
    {
        var builder = new StringBuilder(this[key]);
        foreach (var (name, value) in values)
            builder.Replace("{" + name + "}", value);
        return builder.ToString();
    }

    /// <summary>The key of the section holding <see cref="Commands"/>.</summary>
    public const string CommandsKey = "commands";

    /// <summary>The YAML key of each text, e.g. <c>ButtonNext</c> → <c>button_next</c>.</summary>
    public static string YamlKey(TextKey key) => YamlKeys[key];

    /// <summary>Placeholders a template must keep, so a translator cannot drop a value the bot fills in.</summary>
    public static readonly FrozenDictionary<TextKey, string[]> Placeholders = new Dictionary<TextKey, string[]>
    {
        [TextKey.StepHeader] = ["part", "number", "total"],
        [TextKey.QuestionSaved] = ["id"],
        [TextKey.LanguageUnknown] = ["value", "available"],
        [TextKey.UnknownCommand] = ["command"],
        [TextKey.TooLong] = ["length", "max"],
        [TextKey.QuestionPost] = ["id", "user", "channel", "language", "step", "text"],
        [TextKey.AnswerPrompt] = ["id", "text"],
        [TextKey.AnswerSent] = ["id"],
        [TextKey.AnswerForUser] = ["question", "answer"],
        [TextKey.AlreadyResolved] = ["id", "by"],
        [TextKey.QuestionNotFound] = ["id"],
        [TextKey.QuestionClosed] = ["id"],
        [TextKey.OpenQuestions] = ["count"],
        [TextKey.StatsTitle] = ["days"],
        [TextKey.StatsUsers] = ["count"],
        [TextKey.StatsHelpful] = ["yes", "no", "rate"],
        [TextKey.StatsQuestions] = ["asked", "answered", "median"],
        [TextKey.ReloadDone] = ["languages", "guides"],
        [TextKey.ForgetUserDone] = ["user", "count"],
        [TextKey.ForgetUserNotFound] = ["user"],
        [TextKey.StatsReview] = ["queue", "labels"],
        [TextKey.ConsoleLink] = ["link", "minutes"],
        [TextKey.ReviewItem] = ["count", "language", "text", "why"],
        [TextKey.ReviewWhyDisputed] = ["section"],
        [TextKey.ReviewWhyUnsure] = ["section"],
        [TextKey.ReviewWhyChosen] = ["section"],
        [TextKey.ReviewFiled] = ["section"],
        [TextKey.ReviewAlreadyFiled] = ["label"],
        [TextKey.ReviewSectionGone] = ["section"],
        [TextKey.ReviewRefused] = ["reason"],
        [TextKey.ReviewPickSection] = ["text"],
        [TextKey.DraftShown] = ["language", "title", "question", "answer"],
        [TextKey.DraftTitlePrompt] = ["max", "title"],
        [TextKey.DraftQuestionPrompt] = ["question"],
        [TextKey.DraftTooLong] = ["length", "max"],
        [TextKey.DraftTitleTaken] = ["title"],
        [TextKey.SavedAnswerSaved] = ["title", "id", "language"],
        [TextKey.SavedAnswerExists] = ["title", "id"],
        [TextKey.SavedAnswerRefused] = ["reason"],
        [TextKey.ReviewSavedAnswerFull] = ["title", "max"],
        [TextKey.FaqList] = ["count", "days"],
        [TextKey.FaqItem] = ["title", "id", "languages", "served", "rate"],
        [TextKey.FaqCommunity] = ["community"],
        [TextKey.FaqNotFound] = ["id"],
        [TextKey.FaqDeleteConfirm] = ["title"],
        [TextKey.FaqDeleted] = ["title", "id"],
        [TextKey.FaqTitlePrompt] = ["title", "language", "max"],
        [TextKey.FaqTextPrompt] = ["title", "language"],
        [TextKey.FaqTranslatePrompt] = ["title", "language"],
        [TextKey.FaqTranslateTextPrompt] = ["title", "language"],
        [TextKey.FaqRefused] = ["reason"],
        [TextKey.FaqTooLong] = ["length", "max"],
        [TextKey.FaqTitleInvalid] = ["max"],
        [TextKey.FaqTitleTaken] = ["title", "id"],
        [TextKey.ButtonFaqLanguage] = ["language"],
        [TextKey.ButtonFaqAddLanguage] = ["language"],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<TextKey, string> YamlKeys =
        Enum.GetValues<TextKey>().ToFrozenDictionary(k => k, k => ToSnakeCase(k.ToString()));

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
