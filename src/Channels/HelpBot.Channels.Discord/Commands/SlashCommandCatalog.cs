using HelpBot.Engine.Content;

namespace HelpBot.Channels.Discord.Commands;

/// <summary>
/// The slash commands: every command of the engine, named as in the engine, so <c>/steps</c> becomes the text
/// turn <c>/steps</c> and <c>/help question:…</c> becomes <c>/help …</c>. Russian names and descriptions are
/// Discord localizations; Discord always sends the English name back.
/// </summary>
internal static class SlashCommandCatalog
{
    public const string QuestionOption = "question";
    public const string LanguageOption = "language";
    public const string TextOption = "text";
    public const string Ask = "ask";
    public const string Answer = "answer";

    /// <summary>MANAGE_MESSAGES: who sees moderator commands by default, and who moderates in the configured server.</summary>
    public const uint ModeratorPermissions = 1 << 13;

    private const int MaxOptionLength = 6000;

    private static readonly SlashCommandOption Question = new(QuestionOption, "вопрос", new(
        "Your question about the guide, in your own words",
        "Ваш вопрос об инструкции своими словами"));

    private static readonly SlashCommandOption QuestionId = new(QuestionOption, "вопрос", new(
        "The question's id, e.g. Q7K2MX",
        "Номер вопроса, например Q7K2MX"), MaxLength: 16);

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
            "Выбрать язык бота"), new SlashCommandOption(LanguageOption, "язык", new("Language", "Язык"), OffersLanguages: true)),
        new("forget", "забыть", new(
            "Delete all data stored about you",
            "Удалить все данные о вас")),
        new("menu", "меню", new(
            "Main menu",
            "Главное меню")),

        new("questions", "вопросы", new(
            "Moderators: open questions from users",
            "Модераторам: открытые вопросы пользователей")) { ForModerators = true },
        new(Answer, "ответить", new(
            "Moderators: answer a question",
            "Модераторам: ответить на вопрос"), QuestionId, new SlashCommandOption(TextOption, "текст", new(
            "The answer (or leave it out to type it in a form)",
            "Ответ (или оставьте пустым и напишите в форме)"))) { ForModerators = true },
        new("close", "закрыть", new(
            "Moderators: close a question without an answer",
            "Модераторам: закрыть вопрос без ответа"), QuestionId) { ForModerators = true },
        new("stats", "статистика", new(
            "Moderators: statistics with a chart",
            "Модераторам: статистика с графиком"), new SlashCommandOption("days", "дней", new(
            "How many days back (default 30)",
            "За сколько дней (по умолчанию 30)"), MaxLength: 4)) { ForModerators = true },
        new("export", "выгрузка", new(
            "Moderators: feedback, questions and unmatched texts as CSV",
            "Модераторам: отзывы, вопросы и нераспознанные тексты в CSV")) { ForModerators = true },
        new("reload", "перезагрузить", new(
            "Moderators: reload the guide texts",
            "Модераторам: перечитать тексты инструкции")) { ForModerators = true },
        new("review", "разбор", new(
            "Moderators: teach the bot the messages it could not answer",
            "Модераторам: научить бота сообщениям, на которые он не ответил")) { ForModerators = true },
        new("forget_user", "забыть_пользователя", new(
            "Moderators: delete a user's data",
            "Модераторам: удалить данные пользователя"), new SlashCommandOption("user", "пользователь", new(
            "The user's key, e.g. discord:123456789012345678",
            "Ключ пользователя, например discord:123456789012345678"), MaxLength: 100)) { ForModerators = true },
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
                command.Options.Count == 0 ? null : command.Options.Select(o => BuildOption(command, o, languages, maxTextLength)).ToArray())
            {
                DefaultMemberPermissions = command.ForModerators ? ModeratorPermissions : null,
            })
            .ToArray();
    }

    /// <summary>The longest argument that still fits the engine's limit once it is sent as <c>/name argument</c>.</summary>
    public static int MaxArgumentLength(string commandName, int maxTextLength) => Math.Max(1, maxTextLength - commandName.Length - 2);

    private static ApplicationCommandOption BuildOption(SlashCommand command, SlashCommandOption option, ApplicationCommandOptionChoice[] languages, int maxTextLength) =>
        new(option.Name,
            option.Description.English,
            new Dictionary<string, string> { [DiscordText.RussianLocale] = option.RussianName },
            option.Description.Localizations,
            option.OffersLanguages ? null : Math.Min(option.MaxLength ?? MaxArgumentLength(command.Name, maxTextLength), MaxOptionLength),
            option.OffersLanguages ? languages : null);
}
