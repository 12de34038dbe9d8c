using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog.Features;

namespace HelpBot.Engine.Dialog;

/// <summary>
/// Every command and button the bot understands, and the feature (<c>Features/</c>) that handles it. Channels build
/// their command menus from <see cref="Commands"/> (Telegram's setMyCommands, Discord's slash commands). Adding a
/// command: a line here, its handler, and its texts under <c>commands:</c> in every <c>content/&lt;lang&gt;/bot.yaml</c>.
/// </summary>
public static class DialogTable
{
    private static readonly CommandArgument Question = new("question");

    /// <summary>A question's id (Q7K2MX) to answer or close.</summary>
    private static readonly CommandArgument QuestionId = new("question") { MaxLength = 16 };

    public static IReadOnlyList<DialogCommand> Commands { get; } =
    [
        new("start", Audience.Everyone, _ => Menu.StartCommand) { Listed = false },
        new("help", Audience.Everyone, f => f.Menu.HelpCommand, Question),
        new("steps", Audience.Everyone, _ => Walkthrough.StepsCommand),
        new("consequences", Audience.Everyone, _ => ConsequencesSection.Command),
        new("reasons", Audience.Everyone, _ => ReasonsSection.Command),
        new("feedback", Audience.Everyone, _ => GuideFeedback.Command),
        new("ask", Audience.Everyone, f => f.Questions.AskCommand, Question),
        new("language", Audience.Everyone, _ => LanguageChoice.Command, new CommandArgument("language") { IsLanguage = true }),
        new("forget", Audience.Everyone, f => f.Privacy.ForgetCommand),
        new("menu", Audience.Everyone, _ => Menu.MenuCommand),

        new("questions", Audience.Moderators, f => f.Questions.QuestionsCommand),
        new("answer", Audience.Moderators, f => f.Questions.AnswerCommand, QuestionId, new CommandArgument("text")),
        new("close", Audience.Moderators, f => f.Questions.CloseCommand, QuestionId),
        new("stats", Audience.Moderators, f => f.Reports.StatsCommand, new CommandArgument("days") { MaxLength = 4 }),
        new("export", Audience.Moderators, f => f.Reports.ExportCommand),
        new("reload", Audience.Moderators, f => f.Reports.ReloadCommand),
        new("forget_user", Audience.Moderators, f => f.Privacy.ForgetUserCommand, new CommandArgument("user") { MaxLength = 100 }),
        new("review", Audience.Moderators, f => f.Review.ReviewCommand),
        new("faq", Audience.Moderators, f => f.Faq.FaqCommand, new CommandArgument("answer") { MaxLength = SavedAnswersFile.MaxIdLength }),
        new("console", Audience.Moderators, f => f.Console.ConsoleCommand),
    ];

    internal static IReadOnlyList<DialogAction> Actions { get; } =
    [
        new(ActionId.Menu, ActionChecks.Bare, _ => Menu.MenuAction),
        new(ActionId.Help, ActionChecks.Bare, _ => Menu.HelpAction),
        new(ActionId.Guide, ActionChecks.Guide, _ => Menu.GuideAction),
        new(ActionId.Consequences, ActionChecks.Guide, _ => ConsequencesSection.Action),
        new(ActionId.Accept, ActionChecks.Guide, _ => Walkthrough.AcceptAction),
        new(ActionId.Resume, ActionChecks.Guide, _ => Walkthrough.ResumeAction),
        new(ActionId.Step, Walkthrough.IsStep, _ => Walkthrough.StepAction),
        new(ActionId.Done, ActionChecks.Guide, _ => Walkthrough.DoneAction),
        new(ActionId.Reasons, ActionChecks.Guide, _ => ReasonsSection.Action),
        new(ActionId.Feedback, GuideFeedback.IsFeedback, f => f.Feedback.Action),
        new(ActionId.Skip, ActionChecks.Bare, _ => GuideFeedback.SkipAction),
        new(ActionId.Ask, ActionChecks.Bare, f => f.Questions.AskAction),
        new(ActionId.AnswerQuestion, Questions.IsAnswerButton, f => f.Questions.AnswerButtonAction),
        new(ActionId.RateAnswer, Questions.IsRating, f => f.Questions.RateAction),
        new(ActionId.Language, LanguageChoice.IsLanguage, _ => LanguageChoice.Action),
        new(ActionId.Topic, FreeText.IsTopic, _ => FreeText.TopicAction),
        new(ActionId.Misread, FreeText.IsRead, f => f.FreeText.MisreadAction),
        new(ActionId.SendRead, FreeText.IsRead, f => f.FreeText.SendReadAction),
        new(ActionId.Review, Review.IsLabel, f => f.Review.LabelAction),
        new(ActionId.ReviewQuestion, Review.IsLabel, f => f.Review.LabelAction),
        new(ActionId.Draft, AnswerDrafts.IsDraftAction, f => f.Drafts.Action),
        new(ActionId.SavedAnswer, SavedAnswers.IsSavedAnswer, _ => SavedAnswers.Action),
        new(ActionId.RateSavedAnswer, SavedAnswers.IsRating, _ => SavedAnswers.RateAction),
        new(ActionId.Faq, Faq.IsFaq, f => f.Faq.Action),
    ];

    public static DialogCommand? Find(string name) => Commands.FirstOrDefault(c => c.Name == name);
}
