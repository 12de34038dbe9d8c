using HelpBot.Engine.Content;

namespace HelpBot.Channels.Discord.Commands;

/// <summary>
/// The slash commands: every dialog command of the engine, named as in the engine, so <c>/steps</c> becomes the
/// text turn <c>/steps</c> and <c>/help question:…</c> becomes <c>/help …</c>. Russian names and descriptions are
/// Discord localizations; Discord always sends the English name back.
/// </summary>
internal static class SlashCommandCatalog
{
    public const string QuestionOption = "question";
    public const string LanguageOption = "language";
    public const string Ask = "ask";

    private static readonly SlashCommandOption Question = new(QuestionOption, "вопрос", new(
        "Your question about the guide, in your own words",
        "Ваш вопрос об инструкции своими словами"));

    public static readonly IReadOnlyList<SlashCommand> All =
    [
        new("help", "помощь", new(
            "What I can do; or ask about the guide in your own words",
            "Что я умею; или спросите об инструкции своими словами"), Question),
        new("steps", "шаги", new(
            "Step-by-step guide (resumes where you stopped)",
            "Пошаговая инструкция (с того места, где вы остановились)")),
        new("consequences", "последствия", new(
            "What happens after you delete the account",
            "Что будет после удаления аккаунта")),
        new("reasons", "причины", new(
            "The form's reason options explained, and when to pick each",
            "Варианты причины удаления в форме и когда какой выбрать")),
        new("feedback", "отзыв", new(
            "Tell us whether the guide helped",
            "Оценить, помогла ли инструкция")),
        new(Ask, "спросить", new(
            "Ask the moderators a question",
            "Задать вопрос модераторам"), Question with
        {
            Description = new("Your question for the moderators (or leave it out to type it in a form)", "Ваш вопрос модераторам (или оставьте пустым и напишите в форме)"),
        }),
        new("language", "язык", new(
            "Choose the bot's language",
            "Выбрать язык бота"), new(LanguageOption, "язык", new("Language", "Язык"), OffersLanguages: true)),
        new("forget", "забыть", new(
            "Delete all data stored about you",
            "Удалить все данные о вас")),
        new("menu", "меню", new(
            "Main menu",
            "Главное меню")),
    ];

    public static SlashCommand? Find(string? name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>The registration payload. <paramref name="maxTextLength"/> is the engine's limit on a whole text turn.</summary>
    public static IReadOnlyList<ApplicationCommand> Build(ContentCatalog content, int maxTextLength)
    {
        ArgumentNullException.ThrowIfNull(content);
        var languages = content.Languages.Values
            .Select(l => new ApplicationCommandOptionChoice(l.Texts[TextKey.LanguageName], l.Code))
            .ToArray();
        return All.Select(command => new ApplicationCommand(
                command.Name,
                command.Description.English,
                new Dictionary<string, string> { [DiscordText.RussianLocale] = command.RussianName },
                command.Description.Localizations,
                command.Option is { } option ? [BuildOption(command, option, languages, maxTextLength)] : null))
            .ToArray();
    }

    /// <summary>The longest argument that still fits the engine's limit once it is sent as <c>/name argument</c>.</summary>
    public static int MaxArgumentLength(string commandName, int maxTextLength) => Math.Max(1, maxTextLength - commandName.Length - 2);

    private static ApplicationCommandOption BuildOption(SlashCommand command, SlashCommandOption option, ApplicationCommandOptionChoice[] languages, int maxTextLength) =>
        new(option.Name,
            option.Description.English,
            new Dictionary<string, string> { [DiscordText.RussianLocale] = option.RussianName },
            option.Description.Localizations,
            option.OffersLanguages ? null : Math.Min(MaxArgumentLength(command.Name, maxTextLength), 6000),
            option.OffersLanguages ? languages : null);
}
