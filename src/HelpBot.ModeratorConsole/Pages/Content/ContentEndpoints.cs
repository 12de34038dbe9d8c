using System.Runtime.CompilerServices;
using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HelpBot.ModeratorConsole.Pages.Content;

/// <summary>
/// <c>/console/content</c>: the guides' texts per language with a filter; <c>check</c> gives a text's loader errors or
/// its preview as Telegram shows it, <c>save</c> writes it through <see cref="ContentDesk"/> (a copy of the replaced
/// file kept). Guides are shared by every community, so every moderator sees and edits the same texts.
/// </summary>
internal static class ContentEndpoints
{
    public const string CheckPath = "/content/check";
    public const string SavePath = "/content/save";

    /// <summary>
    /// The desk's list per loaded catalog: reading the files once per reload keeps the page off the disk. A save reloads,
    /// so a new catalog lists the files anew; a hand edit not yet reloaded is caught by the save's conflict check.
    /// </summary>
    private static readonly ConditionalWeakTable<ContentCatalog, Task<IReadOnlyList<ContentSection>>> Listed = new();

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/content", PageAsync);
        // The gate checks the antiforgery token and the Origin of every POST under /console.
        pages.MapPost(CheckPath, CheckAsync).DisableAntiforgery();
        pages.MapPost(SavePath, SaveAsync).DisableAntiforgery();
    }

    private static async Task<IResult> PageAsync(SignedInModerator moderator, ModeratorDesk desk, IContentProvider content, string? q, CancellationToken cancellationToken)
    {
        var sections = await SectionsAsync(moderator, desk, content);
        var filter = (q ?? "").Trim();
        var shown = filter.Length == 0 ? sections : sections.Where(s => Matches(s, filter)).ToList();
        var titles = content.Current.GuideIds.ToDictionary(g => g, g => GuideTitle(content.Current, g), StringComparer.Ordinal);
        return ConsolePage.Render<ContentPage>(parameters: new { Moderator = moderator, Sections = shown, Total = sections.Count, Filter = filter, GuideTitles = titles });
    }

    private static async Task<IResult> CheckAsync(HttpContext http, SignedInModerator moderator, ModeratorDesk desk, CancellationToken cancellationToken)
    {
        if (await TextEditForm.ReadAsync(http.Request, cancellationToken) is not { } form)
            return TextEditForm.Malformed;
        var preview = await desk.Content.PreviewAsync(moderator.AtDesk(), form.Section, form.Language, form.Text, cancellationToken);
        if (preview.Outcome == ContentEditOutcome.UnknownSection)
            return UnknownSection;
        return ConsolePage.Render<CheckResult>(parameters: new { Preview = preview });
    }

    private static async Task<IResult> SaveAsync(HttpContext http, SignedInModerator moderator, ModeratorDesk desk, IContentProvider content, CancellationToken cancellationToken)
    {
        if (await TextEditForm.ReadAsync(http.Request, cancellationToken) is not { } form)
            return TextEditForm.Malformed;
        var result = await desk.Content.SaveAsync(moderator.AtDesk(), form.Section, form.Language, form.Text, form.BasedOn, cancellationToken);
        if (result.Outcome == ContentEditOutcome.UnknownSection)
            return UnknownSection;
        // After a save the content was reloaded: the editor shows the text and place the file has now.
        var sections = await SectionsAsync(moderator, desk, content);
        if (sections.FirstOrDefault(s => s.Id == form.Section)?.Texts.FirstOrDefault(t => t.Language == form.Language) is not { } saved)
            return UnknownSection;
        var editor = result.Outcome switch
        {
            ContentEditOutcome.Valid or ContentEditOutcome.Unchanged => new TextEditorState(saved, saved.Text, saved.Text),
            // Theirs is the base now: a second Save replaces it on purpose.
            ContentEditOutcome.Conflict => new TextEditorState(saved, form.Text, result.Current ?? saved.Text),
            _ => new TextEditorState(saved, form.Text, form.BasedOn ?? saved.Text),
        };
        return ConsolePage.Render<TextEditor>(parameters: new { SectionId = form.Section, State = editor with { Result = result } });
    }

    private static IResult UnknownSection =>
        ConsolePage.Refusal(StatusCodes.Status404NotFound, "No guide text has this id in this language: reload the page.");

    private static Task<IReadOnlyList<ContentSection>> SectionsAsync(SignedInModerator moderator, ModeratorDesk desk, IContentProvider content) =>
        // Not the request's token: the list is shared by later requests.
        Listed.GetValue(content.Current, _ => desk.Content.ListAsync(moderator.AtDesk(), CancellationToken.None).AsTask());

    private static bool Matches(ContentSection section, string filter) =>
        section.Id.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || section.Texts.Any(t => t.Text.Contains(filter, StringComparison.OrdinalIgnoreCase));

    private static string GuideTitle(ContentCatalog catalog, string guide) =>
        catalog.Languages.TryGetValue(catalog.DefaultLanguage, out var pack) && pack.Guides.TryGetValue(guide, out var loaded) ? loaded.Title : guide;
}

/// <summary>The fields an editor's form posts; null when one is missing or too long to be a real edit.</summary>
internal sealed record TextEditForm(string Section, string Language, string Text, string? BasedOn)
{
    /// <summary>Far above any text the loader accepts, so the loader gives the reason for anything shorter.</summary>
    private const int MaxFieldLength = 20_000;

    public static IResult Malformed =>
        ConsolePage.Refusal(StatusCodes.Status400BadRequest, "The form is incomplete: it needs the section, the language and the text.");

    public static async Task<TextEditForm?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return null;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            // A body that claims to be a form but is not one (or is over the form limits).
            return null;
        }
        string? Field(string name) => form[name] is { Count: 1 } values && values[0] is { Length: <= MaxFieldLength } value ? value : null;
        return (Field("section"), Field("language"), Field("text")) is ({ } section, { } language, { } text)
            ? new TextEditForm(section, language, text, Field("basedOn"))
            : null;
    }
}

/// <summary>One language's editor: the text's place, what the textarea holds, the text it was based on, and the last save's outcome.</summary>
public sealed record TextEditorState(ContentSectionText Saved, string Text, string BasedOn, ContentEditResult? Result = null);
