using HelpBot.Channels.Discord.Commands;
using HelpBot.Channels.Discord.Rendering;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// Discord has no free text to the bot, so where the engine waits for one message (a question for the
/// moderators, a comment after "it didn't help", a moderator's answer) it is typed into a modal. The modal speaks
/// the user's language as the engine would choose it: their explicit choice, else their client's locale.
/// </summary>
internal sealed class TextModals(IContentProvider content, IConversationStore store, DialogOptions? dialog = null, IModerationStore? moderation = null)
{
    public const string Ask = "ask";
    public const string Comment = "comment";
    public const string Field = "text";

    private const int MaxTitleLength = 45;
    private const int MaxLabelLength = 45;
    private const int MaxDescriptionLength = 100;
    private const int MaxInputLength = 4000;

    private static readonly DiscordText CommentButton = new("✎ Write a comment", "✎ Написать комментарий");
    private static readonly DiscordText CommentLabel = new("What went wrong?", "Что пошло не так?");

    private readonly int _maxTextLength = (dialog ?? new DialogOptions()).MaxTextLength;

    /// <summary>The modal that answers question <paramref name="questionId"/> (the engine's Answer button id), or null for a malformed id.</summary>
    public static string? AnswerFor(string questionId)
    {
        var id = new ActionId(ActionId.AnswerQuestion, questionId.ToUpperInvariant(), null).ToString();
        return QuestionAnsweredBy(id) is null ? null : id;
    }

    /// <summary>The question id in an Answer button's or modal's custom id, else null.</summary>
    public static string? QuestionAnsweredBy(string customId) =>
        ActionId.TryParse(customId, out var action) && action is { Verb: ActionId.AnswerQuestion, Target: { } id, Argument: null } ? id : null;

    public async ValueTask<ModalPayload> CreateAsync(string modal, InteractionRequest interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var language = await LanguageAsync(interaction, cancellationToken);
        var texts = language.Texts;
        if (modal == Ask)
            return Modal(Ask, texts[TextKey.ButtonAsk], texts[TextKey.ButtonAsk], texts[TextKey.AskPrompt], SlashCommandCatalog.MaxArgumentLength(SlashCommandCatalog.Ask, _maxTextLength));
        if (QuestionAnsweredBy(modal) is { } questionId)
        {
            var question = moderation is null ? null : await moderation.FindQuestionAsync(questionId, cancellationToken);
            var room = _maxTextLength - "/answer ".Length - questionId.Length - 1;
            return Modal(modal, texts[TextKey.ButtonAnswer] + " " + questionId, texts[TextKey.ButtonAnswer], question?.Text, room);
        }
        return Modal(Comment, texts[TextKey.ButtonFeedback], CommentLabel.For(language.Code), null, _maxTextLength);
    }

    /// <summary>A reply that offers "Skip" waits for a comment; on Discord a button opens the modal to write it.</summary>
    public async ValueTask<Reply> OfferCommentAsync(Reply reply, InteractionRequest interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!reply.Messages.Any(m => m.AllButtons.Any(b => b.Action == ActionId.Skip)))
            return reply;
        var language = await LanguageAsync(interaction, cancellationToken);
        var comment = new Button(CommentButton.For(language.Code), Comment);
        var messages = reply.Messages
            .Select(m => m.AllButtons.Any(b => b.Action == ActionId.Skip) ? m with { Buttons = [[comment], .. m.Buttons] } : m)
            .ToArray();
        return reply with { Messages = messages };
    }

    private static ModalPayload Modal(string id, string title, string label, string? description, int maxLength) =>
        new(id, ReplyRenderer.Shorten(title, MaxTitleLength),
        [
            new LabelComponent(
                ReplyRenderer.Shorten(label, MaxLabelLength),
                description is null ? null : ReplyRenderer.Shorten(description, MaxDescriptionLength),
                new TextInputComponent(Field, TextInputComponent.ParagraphStyle, 1, Math.Clamp(maxLength, 1, MaxInputLength), Required: true)),
        ]);

    private async ValueTask<LanguagePack> LanguageAsync(InteractionRequest interaction, CancellationToken cancellationToken)
    {
        var catalog = content.Current;
        var state = await store.FindUserAsync(InteractionRouter.ChannelName + ":" + interaction.UserId, cancellationToken);
        if (state?.Language is { } chosen && catalog.Languages.TryGetValue(chosen, out var pack))
            return pack;
        var locale = interaction.Locale ?? "";
        var end = locale.IndexOfAny(['-', '_']);
        var code = (end < 0 ? locale : locale[..end]).ToLowerInvariant();
        return catalog.Languages.TryGetValue(code, out pack) ? pack : catalog.Languages[catalog.DefaultLanguage];
    }
}
