using HelpBot.Engine.Moderation.Desk;
namespace HelpBot.Engine.Dialog.Features;

/// <summary>One engine's features that hold dependencies; <see cref="DialogTable"/> picks each handler from here.</summary>
internal sealed class DialogFeatures
{
    public DialogFeatures(DialogDependencies dependencies, ScreenBookSource book)
    {
        var moderation = dependencies.Moderation;
        Review = new Review(new ReviewDesk(dependencies, book), dependencies.Understanding, moderation);
        Drafts = new AnswerDrafts(moderation, dependencies.SavedAnswers);
        Questions = new Questions(moderation, dependencies.ModerationOptions, Review, Drafts, new QuestionsDesk(dependencies, book));
        Feedback = new GuideFeedback(dependencies.Store);
        Faq = new Faq(dependencies.Content, moderation, dependencies.SavedAnswers);
        FreeText = new FreeText(dependencies.Understanding, Questions, Feedback, Drafts, Faq, dependencies.Options);
        Menu = new Menu(FreeText);
        Privacy = new Privacy(dependencies.Store, moderation);
        Reports = new ModeratorReports(dependencies.Content, moderation, dependencies.Reports, dependencies.Reloader, Review);
        Console = new ConsoleSignIn(dependencies.ConsoleLinks);
    }

    public Questions Questions { get; }

    public AnswerDrafts Drafts { get; }

    public GuideFeedback Feedback { get; }

    public FreeText FreeText { get; }

    public Menu Menu { get; }

    public Privacy Privacy { get; }

    public ModeratorReports Reports { get; }

    public Review Review { get; }

    public Faq Faq { get; }

    public ConsoleSignIn Console { get; }
}
