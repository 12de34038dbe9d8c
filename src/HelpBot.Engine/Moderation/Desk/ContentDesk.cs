using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Understanding;

namespace HelpBot.Engine.Moderation.Desk;

/// <summary>A section's text in one language and where it is: the file and the line and column its value starts at.</summary>
public sealed record ContentSectionText(string Language, string Text, string File, int Line, int Column);

/// <summary>
/// One editable text of a guide, in every language that has it. <see cref="Id"/> (<c>&lt;guide&gt;:&lt;key&gt;</c>, e.g.
/// <c>aliexpress:steps/open-settings/text</c>) is what the desk's other operations take.
/// </summary>
public sealed record ContentSection(string Id, string Guide, string Key, IReadOnlyList<ContentSectionText> Texts);

public enum ContentEditOutcome
{
    /// <summary>Checked: the file with the new text is valid (for a save: written and the content reloaded).</summary>
    Valid,

    /// <summary>The text is the same as the file has: nothing written.</summary>
    Unchanged,

    /// <summary>No guide text has this id (a forged or outdated one), or the guide has no file in this language.</summary>
    UnknownSection,

    /// <summary>The loader would refuse the file with this text (<see cref="ContentEditResult.Errors"/>, with file:line): nothing written.</summary>
    Invalid,

    /// <summary>The text changed in the file since the moderator read it (<see cref="ContentEditResult.Current"/>): nothing written.</summary>
    Conflict,

    /// <summary>Written, but the whole content's reload refused it (<see cref="ContentEditResult.Errors"/>): the old file is back.</summary>
    ReloadRefused,

    /// <summary>The guides serve every community, so only the default community's moderators change them (as the default saved answers).</summary>
    ReadOnly,

    /// <summary>This bot cannot edit its content files, or the file is locked or could not be written (<see cref="ContentEditResult.Detail"/>).</summary>
    Unavailable,
}

/// <param name="Backup">For a save: where the replaced file's copy is kept.</param>
/// <param name="Current">For <see cref="ContentEditOutcome.Conflict"/>: the text the file has now.</param>
public sealed record ContentEditResult(ContentEditOutcome Outcome, IReadOnlyList<ContentError> Errors, string? Backup = null, string? Current = null, string? Detail = null);

/// <summary>One message of a preview: its text with the engine's light markup, the same text parsed into spans, and its buttons' labels by row.</summary>
public sealed record PreviewMessage(string Text, IReadOnlyList<Markup.Span> Spans, IReadOnlyList<IReadOnlyList<string>> Buttons);

/// <summary>
/// How the bot would send the section's screen with the new text: the messages every channel adapter receives (the
/// Telegram adapter turns the markup into HTML and splits a message longer than Telegram allows). Empty when invalid.
/// </summary>
public sealed record ContentPreview(ContentEditOutcome Outcome, IReadOnlyList<PreviewMessage> Messages, IReadOnlyList<ContentError> Errors);

/// <summary>
/// The guides' texts for the console: every editable text with its file and line per language, checking a new text
/// with the content loader itself, previewing the screen that shows it, and saving it into the YAML file in place
/// (the rest of the file untouched) through <see cref="IContentFiles"/>, which keeps a copy of the replaced file and
/// puts it back if the reload refuses. Guides are the bot's, not a community's: every moderator sees the same, and
/// only the default community's moderators save (as only they change the default saved answers).
/// </summary>
public sealed class ContentDesk
{
    private readonly IContentFiles? _files;
    private readonly IContentProvider _content;

    public ContentDesk(DialogDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        _files = dependencies.ContentFiles;
        _content = dependencies.Content;
    }

    /// <summary>Every editable text of every guide, in file order, with each language's text and place.</summary>
    public async ValueTask<IReadOnlyList<ContentSection>> ListAsync(Moderator moderator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (_files is null)
            return [];
        var catalog = _content.Current;
        var sections = new List<ContentSection>();
        foreach (var guide in catalog.GuideIds)
        {
            var byKey = new Dictionary<string, List<ContentSectionText>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var language in Languages(catalog))
            {
                if (await _files.ReadGuideAsync(language, guide, cancellationToken) is not { } file)
                    continue;
                foreach (var text in GuideFile.Texts(file.Text))
                {
                    if (!byKey.TryGetValue(text.Key, out var texts))
                    {
                        byKey[text.Key] = texts = [];
                        order.Add(text.Key);
                    }
                    texts.Add(new ContentSectionText(language, text.Text, file.Path, text.Line, text.Column));
                }
            }
            sections.AddRange(order.Select(key => new ContentSection(guide + ":" + key, guide, key, byKey[key])));
        }
        return sections;
    }

    /// <summary>The errors the loader would report for the file with <paramref name="newText"/> as the section's text in <paramref name="language"/>.</summary>
    public async ValueTask<ContentEditResult> ValidateAsync(Moderator moderator, string sectionId, string language, string newText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var (edited, refusal) = await EditAsync(sectionId, language, newText, cancellationToken);
        return refusal ?? new ContentEditResult(ContentEditOutcome.Valid, [], Detail: edited!.Path);
    }

    /// <summary>The section's screen as the bot would send it with <paramref name="text"/> (the guide as the loader reads the edited file).</summary>
    public async ValueTask<ContentPreview> PreviewAsync(Moderator moderator, string sectionId, string language, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var (edited, refusal) = await EditAsync(sectionId, language, text, cancellationToken);
        if (refusal is { Outcome: not ContentEditOutcome.Unchanged })
            return new ContentPreview(refusal.Outcome, [], refusal.Errors);
        var (guide, key) = Parse(sectionId)!.Value;
        var loaded = edited is null ? _content.Current.Languages[language].Guides[guide] : ContentLoader.LoadGuide(edited.Path, edited.Text, [])!;
        var catalog = _content.Current;
        var others = catalog.GuideIds.Where(g => g != guide)
            .Select(g => new Button(catalog.Languages[language].Guides[g].Title, new ActionId(ActionId.Guide, g, null).ToString())).ToArray();
        var screen = ScreenOf(new GuideScreens(loaded, catalog.Languages[language].Texts, others), key);
        return new ContentPreview(ContentEditOutcome.Valid, screen.Messages
            .Select(m => new PreviewMessage(m.Text, Markup.Parse(m.Text), m.Buttons.Select(row => (IReadOnlyList<string>)row.Select(b => b.Label).ToList()).ToList()))
            .ToList(), []);
    }

    /// <summary>
    /// Writes <paramref name="newText"/> as the section's text in <paramref name="language"/>, as the file is now (a hand
    /// edit of other texts is kept). With <paramref name="basedOn"/> (the text the moderator started from), a text changed
    /// meanwhile by hand or by another moderator is not overwritten: <see cref="ContentEditOutcome.Conflict"/>.
    /// </summary>
    public async ValueTask<ContentEditResult> SaveAsync(Moderator moderator, string sectionId, string language, string newText, string? basedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (_files is null)
            return new ContentEditResult(ContentEditOutcome.Unavailable, []);
        if (Parse(sectionId) is not var (guide, key) || !_content.Current.Languages.ContainsKey(language ?? ""))
            return new ContentEditResult(ContentEditOutcome.UnknownSection, []);
        if (moderator.Community != Turn.DefaultCommunity)
            return new ContentEditResult(ContentEditOutcome.ReadOnly, []);
        var value = Normalized(newText);
        ContentEditResult? refusal = null;
        var change = await _files.ChangeGuideAsync(language!, guide, file =>
        {
            (var text, refusal) = Edit(file, key, value, basedOn is null ? null : Normalized(basedOn));
            return text is null ? ContentFileEdit.Refused(refusal!.Errors) : ContentFileEdit.To(text);
        }, moderator.By, cancellationToken);
        return change.Outcome switch
        {
            ContentFileOutcome.Changed => new ContentEditResult(ContentEditOutcome.Valid, [], change.Backup),
            ContentFileOutcome.Refused or ContentFileOutcome.Unchanged when refusal is not null => refusal,
            ContentFileOutcome.Unchanged => new ContentEditResult(ContentEditOutcome.Unchanged, []),
            ContentFileOutcome.ReloadRefused => new ContentEditResult(ContentEditOutcome.ReloadRefused, change.Errors, Detail: change.Detail),
            _ => new ContentEditResult(ContentEditOutcome.Unavailable, change.Errors, Detail: change.Detail),
        };
    }

    /// <summary>The file with the section's new text (null when unchanged), or why not.</summary>
    private async ValueTask<(ContentFileText? Edited, ContentEditResult? Refusal)> EditAsync(string sectionId, string language, string newText, CancellationToken cancellationToken)
    {
        if (_files is null)
            return (null, new ContentEditResult(ContentEditOutcome.Unavailable, []));
        if (Parse(sectionId) is not var (guide, key) || !_content.Current.Languages.ContainsKey(language ?? "")
            || await _files.ReadGuideAsync(language!, guide, cancellationToken) is not { } file)
            return (null, new ContentEditResult(ContentEditOutcome.UnknownSection, []));
        var (text, refusal) = Edit(file, key, Normalized(newText), basedOn: null);
        return (text is null ? null : file with { Text = text }, refusal);
    }

    /// <summary>The file's text with the section's value replaced and checked by the loader; or the refusal.</summary>
    private static (string? Text, ContentEditResult? Refusal) Edit(ContentFileText file, string key, string value, string? basedOn)
    {
        if (GuideFile.Texts(file.Text).FirstOrDefault(t => t.Key == key) is not { } current)
            return (null, new ContentEditResult(ContentEditOutcome.UnknownSection, []));
        if (basedOn is not null && current.Text.Trim() != basedOn.Trim())
            return (null, new ContentEditResult(ContentEditOutcome.Conflict, [], Current: current.Text));
        if (current.Text == value)
            return (null, new ContentEditResult(ContentEditOutcome.Unchanged, []));
        if (GuideFile.Replace(file.Text, key, value, out var problem) is not { } edited)
            return (null, new ContentEditResult(ContentEditOutcome.Invalid, [new ContentError(file.Path, current.Line, current.Column, problem!)]));
        var errors = new List<ContentError>();
        ContentLoader.LoadGuide(file.Path, edited, errors);
        return errors.Count > 0 ? (null, new ContentEditResult(ContentEditOutcome.Invalid, errors)) : (edited, null);
    }

    /// <summary>Line breaks as the files have them; the rest as typed (the loader trims and rejects control characters).</summary>
    private static string Normalized(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>The guide and key of an id the content has a guide for; null for a forged one.</summary>
    private (string Guide, string Key)? Parse(string? sectionId)
    {
        var colon = (sectionId ?? "").IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || sectionId!.Length > 200)
            return null;
        var guide = sectionId[..colon];
        return _content.Current.GuideIds.Contains(guide) ? (guide, sectionId[(colon + 1)..]) : null;
    }

    /// <summary>The default language first, then the others by code.</summary>
    private static IEnumerable<string> Languages(ContentCatalog catalog) =>
        catalog.Languages.Keys.OrderBy(l => l == catalog.DefaultLanguage ? 0 : 1).ThenBy(l => l, StringComparer.Ordinal);

    /// <summary>The screen that shows the text under <paramref name="key"/> (a button's title: the screen it opens).</summary>
    private static Reply ScreenOf(GuideScreens screens, string key)
    {
        var parts = key.Split('/');
        var item = parts.Length > 2 ? parts[2] : null;
        return parts[0] switch
        {
            "consequences" when parts[1] == "items" && item is not null && screens.ConsequenceItems.TryGetValue(item, out var reply) => reply,
            "consequences" when parts[1] is "advice" or "advice_title" && screens.Refunds is { } refunds => refunds,
            "consequences" when screens.Consequences is { } consequences => consequences,
            "reasons" when parts[1] == "options" && item is not null && screens.ReasonItems.TryGetValue(item, out var reply) => reply,
            "reasons" when screens.Reasons is { } reasons => reasons,
            "steps" when screens.StepNumberOf(new Topic(screens.Guide.Id, TopicKind.Step, parts[1])) is { } number => screens.Steps[number],
            "parts" when screens.StepNumberOf(new Topic(screens.Guide.Id, TopicKind.Part, parts[1])) is { } number => screens.Steps[number],
            "done" or "done_title" => screens.DoneInfo,
            _ => screens.Overview,
        };
    }
}
