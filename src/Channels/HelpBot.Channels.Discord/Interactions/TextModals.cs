using HelpBot.Channels.Discord.Rendering;
using HelpBot.Engine.Dialog;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// Discord has no free text to the bot, so where the engine takes one message (a question for the moderators, a
/// moderator's answer, a comment after "it didn't help") it is typed into a modal: the engine's <see cref="TextForm"/>
/// drawn within Discord's limits. The modal's custom id is the form's id, which comes back with the text.
/// </summary>
internal sealed class TextModals(ITextForms forms)
{
    public const string Field = "text";

    private const int MaxTitleLength = 45;
    private const int MaxLabelLength = 45;
    private const int MaxDescriptionLength = 100;
    private const int MaxInputLength = 4000;

    /// <summary>The modal of form <paramref name="formId"/> in the language the engine answers <paramref name="turn"/>'s user in; null for an unknown form.</summary>
    public async ValueTask<ModalPayload?> CreateAsync(string formId, Turn turn, CancellationToken cancellationToken) =>
        await forms.DescribeAsync(turn, formId, cancellationToken) is { } form
            ? new ModalPayload(form.Id, ReplyRenderer.Shorten(form.Title, MaxTitleLength),
            [
                new LabelComponent(
                    ReplyRenderer.Shorten(form.Label, MaxLabelLength),
                    form.Description is null ? null : ReplyRenderer.Shorten(form.Description, MaxDescriptionLength),
                    new TextInputComponent(Field, TextInputComponent.ParagraphStyle, 1, Math.Clamp(form.MaxLength, 1, MaxInputLength), Required: true)),
            ])
            : null;

    /// <summary>A reply offering a form gets a first row with a button opening it.</summary>
    public static Reply OfferForm(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.OffersForm is not { } offer || reply.Messages.Count == 0)
            return reply;
        var last = reply.Messages[^1];
        return reply with { Messages = [.. reply.Messages.SkipLast(1), last with { Buttons = [[new Button(offer.Label, offer.FormId)], .. last.Buttons] }] };
    }
}
