using HelpBot.Content;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Understanding;
using HelpBot.Storage.LiteDb;
using HelpBot.Transcripts;
using HelpBot.Understanding;
using Microsoft.Extensions.Options;

namespace HelpBot.Commands;

/// <summary>
/// Builds one transcript's bot the way the host builds the real one (same content, understanding and
/// engine options) but over a fresh in-memory LiteDB, as the transcript format requires. A transcript with
/// <c>@content copy</c> gets its own copy of the content, reader and examples writer, so its moderators' labels
/// retrain that reader only and never touch the real content; <c>@content copy FOLDER</c> lays that folder's files over the copy.
/// </summary>
public sealed class ReplaySessions(
    IContentProvider content,
    ITextUnderstanding understanding,
    DialogOptions options,
    TimeProvider time,
    IReportRenderer reports,
    IOptions<ContentOptions> contentOptions,
    IOptions<UnderstandingOptions> understandingOptions,
    ILoggerFactory loggers)
{
    /// <summary>A session whose moderators' chats are the ones the transcript declares (<c>@moderators</c>).</summary>
    public TranscriptSession Create(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var store = LiteDbConversationStore.InMemory();
        var logger = new ErrorCollectingLogger<DialogEngine>();
        var moderation = new ModerationOptions
        {
            Chats = transcript.ModeratorChats.Select(c => new ModeratorChat { Channel = c.Channel, ChatId = c.ChatId, Language = c.Language, Community = c.Community }).ToList(),
        };
        var dependencies = new DialogDependencies(content, store)
        {
            Understanding = understanding,
            Time = time,
            Options = options,
            Logger = logger,
            ModerationOptions = moderation,
            Reports = reports,
        };
        if (!transcript.OwnContent)
            return new TranscriptSession(new DialogEngine(dependencies), logger.Take, store, store);

        var copy = new ContentFolderCopy(contentOptions.Value.ResolvePath(), transcript.ContentFiles);
        var copyOptions = Options.Create(new ContentOptions { Path = copy.Root, DefaultLanguage = contentOptions.Value.DefaultLanguage, WatchFiles = false });
        var provider = new ReloadingContentProvider(copyOptions, loggers.CreateLogger<ReloadingContentProvider>());
        var reader = new ClassifierTextUnderstanding(provider, understandingOptions, loggers.CreateLogger<ClassifierTextUnderstanding>());
        var engine = new DialogEngine(dependencies with
        {
            Content = provider,
            Understanding = reader,
            Reloader = provider,
            Examples = new ExamplesFileWriter(copyOptions, provider, provider, loggers.CreateLogger<ExamplesFileWriter>()),
            SavedAnswers = new SavedAnswersFileWriter(copyOptions, provider, provider, loggers.CreateLogger<SavedAnswersFileWriter>()),
        });
        return new TranscriptSession(engine, logger.Take, new Resources(reader, provider, store, copy), store, () => reader.Retraining);
    }

    public TranscriptRunner CreateRunner() => new(Create);

    /// <summary>Disposes a session's own reader, content and store, then deletes its content copy.</summary>
    private sealed class Resources(params IDisposable[] owned) : IDisposable
    {
        public void Dispose()
        {
            foreach (var resource in owned)
                resource.Dispose();
        }
    }
}
