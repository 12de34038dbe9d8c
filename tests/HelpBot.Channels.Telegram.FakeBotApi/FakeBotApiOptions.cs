using Microsoft.Extensions.Time.Testing;

namespace HelpBot.Channels.Telegram.FakeBotApi;

/// <summary>How the fake behaves; tests keep every check on, the load benchmark turns recording and checking off.</summary>
public sealed class FakeBotApiOptions
{
    /// <summary>The only token the fake accepts; others get 401 like the real API.</summary>
    public string Token { get; init; } = "123456789:TEST-fake-bot-api-token_0123456789";

    public string BotUsername { get; init; } = "helpbot_test_bot";

    /// <summary>Check every call against the published Bot API description and its prose rules; a failing call gets 400 and is listed in <see cref="FakeBotApiServer.Violations"/>.</summary>
    public bool CheckCalls { get; init; } = true;

    /// <summary>Keep every call in <see cref="FakeBotApiServer.Requests"/>.</summary>
    public bool Record { get; init; } = true;

    /// <summary>
    /// The fake's clock: the <c>date</c> of messages and <see cref="RecordedRequest.At"/>. A fixed instant unless a test
    /// shares the bot's <c>FakeTimeProvider</c> to see when calls came.
    /// </summary>
    public TimeProvider Clock { get; init; } = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Longest a getUpdates call waits, whatever timeout the bot asks for, so tests never hang on a poll.</summary>
    public TimeSpan MaxLongPoll { get; init; } = TimeSpan.FromSeconds(2);
}
