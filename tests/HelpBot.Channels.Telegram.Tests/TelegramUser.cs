using HelpBot.Channels.Telegram.FakeBotApi;

namespace HelpBot.Channels.Telegram.Tests;

/// <summary>
/// A Telegram user talking to the bot through the fake Bot API: sends text, presses buttons, and waits for the
/// messages the bot sends or edits in reply.
/// </summary>
public sealed class TelegramUser(FakeBotApiServer api, long id, string? language = "ru", long? chatId = null)
{
    private int _seen;

    public long Id { get; } = id;

    public long ChatId { get; } = chatId ?? id;

    /// <summary>The last message the bot produced in this chat (sent or edited).</summary>
    public SentMessage? Last { get; private set; }

    public int LastUpdateId { get; private set; }

    public Task<IReadOnlyList<SentMessage>> SendAsync(string text, int replies = 1, int? replyTo = null)
    {
        LastUpdateId = api.SendText(Id, text, language, ChatId == Id ? null : ChatId, replyTo);
        return RepliesAsync(replies);
    }

    public Task<IReadOnlyList<SentMessage>> PressAsync(SentMessage message, string labelFragment, int replies = 1) =>
        PressDataAsync(message, message.ButtonData(labelFragment), replies);

    /// <summary>Presses, waits for the replies and for the press to be answered (every press must be).</summary>
    public async Task<IReadOnlyList<SentMessage>> PressDataAsync(SentMessage message, string data, int replies = 1)
    {
        var press = api.ButtonPress(Id, message, data, language);
        LastUpdateId = api.Enqueue(press);
        var messages = await RepliesAsync(replies);
        await api.WaitForAnswerAsync(press, cancellationToken: TestContext.Current.CancellationToken);
        return messages;
    }

    /// <summary>Waits for the next <paramref name="count"/> messages the bot sends or edits in this chat.</summary>
    public async Task<IReadOnlyList<SentMessage>> RepliesAsync(int count = 1)
    {
        var calls = new List<RecordedRequest>();
        for (var i = 1; i <= count; i++)
            calls.Add(await api.WaitForMessageAsync(ChatId, _seen + i, cancellationToken: TestContext.Current.CancellationToken));
        _seen += count;
        var messages = calls.Select(c => api.Message(ChatId, c.MessageId!.Value)!).ToList();
        Last = messages[^1];
        return messages;
    }

    /// <summary>The message id the fake gave the user's last text message.</summary>
    public int LastUpdateMessageId(FakeBotApiServer server) =>
        System.Text.Json.Nodes.JsonNode.Parse(server.UpdateJson(LastUpdateId))!["message"]!["message_id"]!.GetValue<int>();

    /// <summary>How many messages the bot has sent or edited in this chat so far.</summary>
    public int MessageCalls => api.Requests.Count(r => FakeBotApiServer.IsMessageCall(r) && FakeBotApiServer.ChatOf(r) == ChatId && r.Status == 200);
}
