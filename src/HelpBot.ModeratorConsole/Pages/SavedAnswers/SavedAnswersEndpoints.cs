using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace HelpBot.ModeratorConsole.Pages.SavedAnswers;

/// <summary>
/// <c>/console/answers</c>: the community's saved answers, and the htmx posts that edit, translate and delete one, each
/// answered with the answer's card (its outcome beside the field it concerns). Everything goes through
/// <see cref="SavedAnswersDesk"/>, as <c>/faq</c> does.
/// </summary>
internal static class SavedAnswersEndpoints
{
    /// <summary>The window of the served and helpful counts, as <c>/faq</c> shows them.</summary>
    public const int CountedDays = 30;

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/answers", ListAsync);
        // Antiforgery is checked by ConsoleGate for every post, before the form is read.
        pages.MapPost("/answers/{id}/edit", EditAsync).DisableAntiforgery();
        pages.MapPost("/answers/{id}/translate", TranslateAsync).DisableAntiforgery();
        pages.MapPost("/answers/{id}/delete", DeleteAsync).DisableAntiforgery();
    }

    private static async Task<IResult> ListAsync(SignedInModerator moderator, ModeratorDesk desk, IContentProvider content, CancellationToken cancellationToken)
    {
        var answers = await desk.SavedAnswers.ListAsync(moderator.AtDesk(), CountedDays, cancellationToken);
        return ConsolePage.Render<SavedAnswersPage>(parameters: new { Moderator = moderator, Answers = answers, Languages = Languages(content) });
    }

    private static async Task<IResult> EditAsync(SignedInModerator moderator, ModeratorDesk desk, IContentProvider content, string id,
        [FromForm] string? language, [FromForm] string? title, [FromForm] string? text, CancellationToken cancellationToken)
    {
        var edit = await desk.SavedAnswers.EditAsync(moderator.AtDesk(), id, language ?? "", title ?? "", text ?? "", cancellationToken);
        return await CardAsync(moderator, desk, content, id, edit, SavedAnswerNotice.EditForm(language ?? ""), title ?? "", text ?? "", cancellationToken);
    }

    private static async Task<IResult> TranslateAsync(SignedInModerator moderator, ModeratorDesk desk, IContentProvider content, string id,
        [FromForm] string? language, [FromForm] string? title, [FromForm] string? text, CancellationToken cancellationToken)
    {
        var edit = await desk.SavedAnswers.TranslateAsync(moderator.AtDesk(), id, language ?? "", title ?? "", text ?? "", cancellationToken);
        // Once saved, the translation is edited in the language's own form, where its notice then stands.
        var form = edit.Outcome is SavedAnswerEditOutcome.Saved or SavedAnswerEditOutcome.Unchanged ? SavedAnswerNotice.EditForm(language ?? "") : SavedAnswerNotice.TranslateForm(language ?? "");
        return await CardAsync(moderator, desk, content, id, edit, form, title ?? "", text ?? "", cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(SignedInModerator moderator, ModeratorDesk desk, IContentProvider content, string id, CancellationToken cancellationToken)
    {
        var deletion = await desk.SavedAnswers.DeleteAsync(moderator.AtDesk(), id, cancellationToken);
        if (deletion.Outcome == SavedAnswerEditOutcome.Saved)
            return ConsolePage.Render<SavedAnswerCard>(parameters: new { Id = id, Languages = Languages(content) });
        return await CardAsync(moderator, desk, content, id, deletion, SavedAnswerNotice.DeleteForm, "", "", cancellationToken);
    }

    /// <summary>The answer's card after a post: its notice beside the field, or the refusal of a request that names no answer of the moderator's.</summary>
    private static async Task<IResult> CardAsync(SignedInModerator moderator, ModeratorDesk desk, IContentProvider content, string id, SavedAnswerEdit edit,
        string form, string title, string text, CancellationToken cancellationToken)
    {
        if (Refusal(edit.Outcome) is { } refusal)
            return refusal;
        // The answer as it is now (a refused change wrote nothing); the list is the desk's indexed read of one window.
        var answer = edit.Answer ?? (await desk.SavedAnswers.ListAsync(moderator.AtDesk(), CountedDays, cancellationToken)).FirstOrDefault(a => a.Id == id);
        if (answer is null)
            return ConsolePage.Refusal(StatusCodes.Status404NotFound, "Your community has no saved answer " + id + ".");
        // A field's refusal is the form shown again with its reason, which htmx swaps in only from a success status.
        return ConsolePage.Render<SavedAnswerCard>(parameters: new { Id = id, Answer = answer, Languages = Languages(content), Notice = SavedAnswerNotice.Of(edit, form, title, text) });
    }

    private static IResult? Refusal(SavedAnswerEditOutcome outcome) => outcome switch
    {
        SavedAnswerEditOutcome.UnknownAnswer => ConsolePage.Refusal(StatusCodes.Status404NotFound, "Your community has no such saved answer (deleted meanwhile?): reload the page."),
        SavedAnswerEditOutcome.ReadOnly => ConsolePage.Refusal(StatusCodes.Status403Forbidden, "A default answer: only the default community's moderators change it."),
        SavedAnswerEditOutcome.UnknownLanguage => ConsolePage.Refusal(StatusCodes.Status400BadRequest, "The content has no such language, or the answer has no text in it yet (translate it instead)."),
        SavedAnswerEditOutcome.Unavailable => ConsolePage.Refusal(StatusCodes.Status503ServiceUnavailable, "This bot cannot change saved answers."),
        _ => null,
    };

    /// <summary>The content's languages, the default one first: an answer lacking one is offered a translation into it.</summary>
    private static List<string> Languages(IContentProvider content)
    {
        var catalog = content.Current;
        return catalog.Languages.Keys.OrderBy(l => l == catalog.DefaultLanguage ? 0 : 1).ThenBy(l => l, StringComparer.Ordinal).ToList();
    }
}
