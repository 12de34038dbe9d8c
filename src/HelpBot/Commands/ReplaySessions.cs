using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Understanding;
using HelpBot.Storage.LiteDb;
using HelpBot.Transcripts;
using Microsoft.Extensions.Options;

namespace HelpBot.Commands;

/// <summary>
/// Builds one transcript's bot the way the host builds the real one (same content, understanding and
/// engine options) but over a fresh in-memory LiteDB, as the transcript format requires.
/// </summary>
public sealed class ReplaySessions(IContentProvider content, ITextUnderstanding understanding, DialogOptions options, TimeProvider time)
{
    public TranscriptSession Create()
    {
        var store = LiteDbConversationStore.InMemory();
        var logger = new ErrorCollectingLogger<DialogEngine>();
        var engine = new DialogEngine(content, store, understanding, time, options, logger);
        return new TranscriptSession(engine, logger.Take, store);
    }

    public TranscriptRunner CreateRunner() => new(Create);
}
