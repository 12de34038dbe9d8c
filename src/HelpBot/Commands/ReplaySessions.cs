using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Understanding;
using HelpBot.Storage.LiteDb;
using HelpBot.Transcripts;
using Microsoft.Extensions.Options;

namespace HelpBot.Commands;

/// <summary>
/// Builds one transcript's bot the way the host builds the real one (same content, understanding and
/// engine options) but over a fresh in-memory LiteDB, as the transcript format requires.
/// </summary>
public sealed class ReplaySessions(IContentProvider content, ITextUnderstanding understanding, DialogOptions options, TimeProvider time, IReportRenderer reports)
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
        var engine = new DialogEngine(new DialogDependencies(content, store)
        {
            Understanding = understanding,
            Time = time,
            Options = options,
            Logger = logger,
            ModerationOptions = moderation,
            Reports = reports,
        });
        return new TranscriptSession(engine, logger.Take, store, store);
    }

    public TranscriptRunner CreateRunner() => new(Create);
}
